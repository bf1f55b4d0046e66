// The API's shapes as the portal receives them (JSON over HTTP: dates arrive as ISO strings).
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@ott/control-plane/router';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type AdminSessionWire = Outputs['auth']['login'];
export type Tenant = Outputs['tenants']['me'];
export type VideoSummary = Outputs['videos']['list']['data'][number];
export type VideoDetails = Outputs['videos']['get'];
export type Rendition = VideoDetails['renditions'][number];
export type PlaybackGrant = Outputs['playback']['authorize'];
export type UploadTicket = Outputs['videos']['createUpload'];
export type PartUrlBatch = Outputs['videos']['partUrls'];
export type StoredParts = Outputs['videos']['listParts'];
export type Viewer = Outputs['viewers']['list']['data'][number];
export type PlaybackKey = Outputs['playbackKeys']['list'][number];
export type Admin = Outputs['admins']['list'][number];
export type AccessMode = VideoSummary['accessMode'];
export type VideoStatus = VideoSummary['status'];
export type VideoSort = NonNullable<Exclude<Inputs['videos']['list'], void | undefined>['sort']>;
export type UsageByDay = Outputs['usage']['summary'];
export type UsageDay = UsageByDay['days'][number];
export type UsageAmounts = UsageByDay['totals'];
export type VideoUsage = Outputs['usage']['byVideo']['videos'][number];
export type BillingStatus = Outputs['billing']['status'];
export type UsageOverview = Outputs['usage']['overview'];
export type MeterGauge = UsageOverview['meters'][number];
export type UsageRange = Inputs['usage']['days']['range'];
export type PlanOffer = Outputs['billing']['plans'][number];
export type InvoicePreview = Outputs['billing']['preview'];
export type InvoiceLine = InvoicePreview['lines'][number];
export type Invoice = Outputs['billing']['invoices'][number];
export type PlanId = Inputs['billing']['changePlan']['plan'];
export type PlanChangeQuote = Outputs['billing']['quotePlanChange'];
