// The examples' settings, read once from the environment (the only reader of process.env here).
export const env = {
  apiKey: process.env.OTT_API_KEY ?? '',
  apiUrl: process.env.OTT_API_URL ?? 'http://127.0.0.1:8686',
  webhookSecret: process.env.OTT_WEBHOOK_SECRET ?? '',
  webhookUrl: process.env.WEBHOOK_URL,
  port: Number(process.env.PORT ?? 3000),
};
