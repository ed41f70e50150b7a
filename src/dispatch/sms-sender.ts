import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Sends one SMS. Providers (a carrier gateway, Aliyun, Tencent Cloud) implement this; a throw means "retry later". */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/** The default channel: appends each message to `sms.log` in the data folder, one JSON line each. */
export class FileSmsSender implements SmsSender {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'sms.log');
  }

  async send(phone: string, text: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify({ at: new Date().toISOString(), phone, text })}\n`, 'utf8');
  }
}
