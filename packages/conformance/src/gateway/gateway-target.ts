// The gateway under test and how the cases talk to it: its base URL, the credentials the
// contract's security schemes ask for, and one request to a command with exactly the body,
// media type and headers a case chooses. Nothing is ever sent anywhere but the base URL.
import type { Contract, ContractCommand } from '../contract.js';
import { send, type SendResult } from '../http-send.js';

/** The CLI's credential options, by the security scheme they fill (as the client names them). */
export const CREDENTIAL_OPTIONS = { AppId: 'appId', ApiKey: 'apiKey' } as const;

export interface GatewayTarget {
  contract: Contract;
  baseUrl: string;
  /** Header → value, one per security scheme of the commands. */
  credentials: Record<string, string>;
  /** The header of the scheme that is the secret key (`ApiKey`). */
  keyHeader: string;
  /** How long a request may take before the case reports no answer. */
  requestTimeoutMs: number;
}

export interface CommandRequest {
  /** The raw body; none when undefined. */
  body?: string;
  contentType?: string;
  /** Headers to send instead of the credentials' (a header set to undefined is left out). */
  credentials?: Record<string, string | undefined>;
}

export function createGatewayTarget(
  contract: Contract,
  baseUrl: string,
  options: { appId: string; apiKey: string },
): GatewayTarget {
  const credentials: Record<string, string> = {};
  let keyHeader: string | undefined;
  for (const command of contract.commands) {
    for (const { scheme, header } of command.credentials) {
      const option = CREDENTIAL_OPTIONS[scheme as keyof typeof CREDENTIAL_OPTIONS];
      if (option === undefined) throw new Error(`the contract's security scheme ${scheme} has no option of the kit`);
      credentials[header] = options[option];
      if (option === 'apiKey') keyHeader = header;
    }
  }
  if (keyHeader === undefined) throw new Error('the contract asks for no API key');
  return { contract, baseUrl: baseUrl.replace(/\/+$/, ''), credentials, keyHeader, requestTimeoutMs: 10_000 };
}

export function sendCommand(
  target: GatewayTarget,
  command: ContractCommand,
  session: string,
  { body, contentType = 'application/json', credentials = target.credentials }: CommandRequest = {},
): Promise<SendResult> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(credentials)) if (value !== undefined) headers[name] = value;
  if (body !== undefined) headers['content-type'] = contentType;
  return send({
    url: `${target.baseUrl}${command.path(session)}`,
    method: command.method,
    headers,
    body,
    timeoutMs: target.requestTimeoutMs,
  });
}

/** A request to the base URL's own paths (the mock's control plane), with the credentials. */
export function sendToBase(
  target: GatewayTarget,
  method: string,
  path: string,
  { body, withCredentials = true }: { body?: string; withCredentials?: boolean } = {},
): Promise<SendResult> {
  const headers: Record<string, string> = withCredentials ? { ...target.credentials } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  return send({ url: `${target.baseUrl}${path}`, method, headers, body, timeoutMs: target.requestTimeoutMs });
}
