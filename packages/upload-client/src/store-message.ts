/** What a store said when it refused a part: S3 answers in XML, the local store in plain text; one short line either way. */
export function storeMessage(body: string): string {
  const xmlMessage = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  return (xmlMessage ?? body).replace(/\s+/g, ' ').trim().slice(0, 300);
}
