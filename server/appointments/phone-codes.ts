import { randomInt } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import { isMobile, normalizePhone } from '../domain/phone.js';
import type { Notifier } from '../notify/notifier.js';
import { limitsOf } from '../security/limits.js';
import { hallOf, invalid, type AppointmentDeps } from './deps.js';
import type { AppointmentLang } from './model.js';

/**
 * SMS confirmation of a mobile number before an online booking holds a place: without it one
 * person booked out a whole day under one number, or booked under a stranger's to get them barred.
 */
export class PhoneConfirmation {
  private readonly codes: AppointmentDeps['phoneCodes'];

  constructor(
    private readonly deps: AppointmentDeps,
    private readonly notifierFor: (hallId: string) => Promise<Notifier>,
  ) {
    this.codes = deps.phoneCodes;
  }

  private codeHash(phone: string, code: string): string {
    return this.deps.personalHash('code', `${phone}:${code}`);
  }

  /** Texts a 6-digit code to the number; at most `phoneCodesPerPhonePerHour` per number. */
  async send(hallId: string, rawPhone: string, lang: AppointmentLang = 'zh-CN'): Promise<{ expiresInSeconds: number }> {
    const hall = await hallOf(this.deps, hallId);
    const phone = normalizePhone(rawPhone);
    if (!isMobile(phone)) throw invalid('phone', 'must be a mobile number (1xxxxxxxxxx): the code is sent by SMS');
    const limits = limitsOf(this.deps.ctx);
    const now = this.deps.ctx.clock.now();
    const phoneHash = this.deps.personalHash('phone', phone);
    if ((await this.codes.sentSince(hall.id, phoneHash, new Date(now.getTime() - 3600_000).toISOString())) >= limits.phoneCodesPerPhonePerHour) {
      throw new DomainError('RATE_LIMITED', `phone: ${limits.phoneCodesPerPhonePerHour} codes were sent to this number in the last hour; please wait`, {
        retryAfterSeconds: 600,
      });
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expires = new Date(now.getTime() + limits.phoneCodeValidMinutes * 60_000);
    await this.deps.ctx.store.writeHall(hallId, async () => {
      await this.codes.purgeExpired(new Date(now.getTime() - 86_400_000).toISOString());
      await this.codes.insert(hall.id, phoneHash, this.codeHash(phone, code), now.toISOString(), expires.toISOString());
    });
    await (
      await this.notifierFor(hall.id)
    )
      .send({
        id: 0,
        kind: 'phone-code',
        hallId: hall.id,
        hallName: hall.name,
        lang,
        to: { name: '', phone },
        text:
          lang === 'en'
            ? `[${hall.nameEn || hall.name}] Your booking code is ${code}, valid for ${limits.phoneCodeValidMinutes} minutes. Do not share it.`
            : `【${hall.name}】您的预约验证码为 ${code}，${limits.phoneCodeValidMinutes}分钟内有效。请勿告诉他人。`,
      })
      .catch((err: unknown) => {
        throw new DomainError('NOTIFIER_FAILED', `the SMS could not be sent (${err instanceof Error ? err.message : String(err)}); please try again`);
      });
    return { expiresInSeconds: limits.phoneCodeValidMinutes * 60 };
  }

  /** The id of the number's current code if `code` matches it; wrong guesses count, and void the code at the limit. */
  async verify(hallId: string, phone: string, code: string | undefined): Promise<number> {
    if (!code)
      throw new DomainError('PHONE_NOT_CONFIRMED', 'phoneCode: confirm the mobile number with the SMS code first (POST /api/halls/:hallId/phone-codes)');
    const now = this.deps.ctx.clock.now().toISOString();
    const current = await this.codes.latestValid(hallId, this.deps.personalHash('phone', phone), now);
    const limit = limitsOf(this.deps.ctx).phoneCodeAttempts;
    if (!current || current.attempts >= limit) throw new DomainError('PHONE_NOT_CONFIRMED', 'phoneCode: no valid code for this number; ask for a new one');
    if (current.codeHash !== this.codeHash(phone, code.trim())) {
      await this.deps.ctx.store.writeHall(hallId, async () => await this.codes.countAttempt(current.id));
      throw new DomainError('PHONE_NOT_CONFIRMED', 'phoneCode: the code is wrong');
    }
    return current.id;
  }

  /** Inside the booking's transaction: a code makes one booking, even when two race with it. */
  async useUp(codeId: number): Promise<void> {
    if (!(await this.codes.markUsed(codeId, this.deps.ctx.clock.now().toISOString()))) {
      throw new DomainError('PHONE_NOT_CONFIRMED', 'phoneCode: this code was already used; ask for a new one');
    }
  }
}
