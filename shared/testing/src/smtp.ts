import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** The message as a mail client would read it (mailparser): a MIME that does not parse fails here. */
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port> */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Most messages being received at one moment (each on its own connection). */
  readonly maxInFlight: number;
  /** Stops answering (connections refused) until `start()`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts; with `credentials`, it accepts
 * only clients that log in with them (AUTH PLAIN/LOGIN, allowed without TLS on loopback).
 */
export async function startSmtpServer(
  port = 0,
  credentials?: { user: string; pass: string },
  { holdMs = 0 }: { /** Accept each message only this long after its data arrived, as a slow server does. */ holdMs?: number } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let server: SMTPServer | undefined;
  let boundPort = port;
  const start = async () => {
    server = new SMTPServer({
      authOptional: !credentials,
      disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        const ok = credentials && auth.username === credentials.user && auth.password === credentials.pass;
        callback(ok ? null : new Error('invalid credentials'), ok ? { user: auth.username } : undefined);
      },
      logger: false,
      onData(stream, session, callback) {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          new Promise((resolve) => setTimeout(resolve, holdMs))
            .then(() => simpleParser(raw))
            .finally(() => inFlight--)
            .then((parsed) => {
              received.push({
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                raw,
                parsed,
              });
              callback();
            })
            .catch((err: Error) => callback(err));
        });
      },
    });
    await new Promise<void>((resolve) => server!.listen(boundPort, '127.0.0.1', resolve));
    boundPort = (server.server.address() as { port: number }).port;
  };
  const stop = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await start();
  return {
    get url() {
      return `smtp://127.0.0.1:${boundPort}`;
    },
    get port() {
      return boundPort;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    received,
    stop,
    start,
    close: stop,
  };
}
