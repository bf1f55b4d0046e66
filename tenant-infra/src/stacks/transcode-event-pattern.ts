/** User metadata every job carries, so the event rule only forwards this deployment's jobs. */
export const DEPLOYMENT_METADATA_KEY = 'ott-deployment';

/** The EventBridge pattern for the MediaConvert job events the worker acts on. */
export function mediaConvertEventPattern(namePrefix: string) {
  return {
    source: ['aws.mediaconvert'],
    'detail-type': ['MediaConvert Job State Change'],
    detail: { status: ['PROGRESSING', 'STATUS_UPDATE', 'COMPLETE', 'ERROR', 'CANCELED'], userMetadata: { [DEPLOYMENT_METADATA_KEY]: [namePrefix] } },
  };
}
