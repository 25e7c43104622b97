export { signWebhook, type SignWebhookInput, type WebhookHeaders } from './sign-webhook.js';
