import type { FakeState, InteractionRecord } from './state.ts';
import type { FakeMessage, InteractionCallback } from './types.ts';
import { isLoading } from './validate-message.ts';

/** How a handle waits; `FakeDiscord.waitFor`. */
export type Waiter = (
  condition: () => boolean,
  options: { timeoutMs?: number; message: string },
) => Promise<void>;

/** A dispatched interaction, as a test sees it: the bot's callback, its reply, follow-ups and edits. */
export class InteractionHandle {
  constructor(
    private readonly state: FakeState,
    private readonly record: InteractionRecord,
    private readonly waitFor: Waiter,
  ) {}

  get id(): string {
    return this.record.id;
  }

  /** Why the fake refused this interaction's callbacks (e.g. `40060 …`), in order. */
  get rejections(): readonly string[] {
    return this.record.rejections;
  }

  /** The accepted initial callback `{type, data}`; throws when none comes in time or the bot's only attempt was refused. */
  async response({ timeoutMs = 5000 }: { timeoutMs?: number } = {}): Promise<InteractionCallback> {
    await this.waitFor(() => this.record.initial !== undefined || this.record.rejections.length > 0, {
      timeoutMs,
      message: `interaction ${this.record.id}: the bot sent no initial callback within ${timeoutMs} ms`,
    });
    if (!this.record.initial) {
      throw new Error(
        `interaction ${this.record.id}: the bot's callback was refused: ${this.record.rejections.join(' | ')}`,
      );
    }
    return this.record.initial;
  }

  /**
   * The message the user sees once the bot answered: the reply (type 4), the edited deferred reply or the first
   * follow-up (type 5), or the updated source message (types 6 and 7).
   */
  async reply({ timeoutMs = 5000 }: { timeoutMs?: number } = {}): Promise<FakeMessage> {
    const { type } = await this.response({ timeoutMs });
    if (type === 8 || type === 9)
      throw new Error(`interaction ${this.record.id} was answered with type ${type}, which shows no message`);
    const ackedAt = this.record.ackedAt ?? 0;
    const settled = () => {
      const original = this.original;
      if (type === 4 || type === 7) return original !== undefined;
      if (this.record.followUpIds.length > 0) return true;
      if (!original) return false;
      return type === 5
        ? !isLoading(original.flags)
        : original.editedAt !== undefined && Date.parse(original.editedAt) >= ackedAt - 1;
    };
    await this.waitFor(settled, {
      timeoutMs,
      message: `interaction ${this.record.id}: the deferred reply was never filled in`,
    });
    const original = this.original;
    if (type === 5 && original && !isLoading(original.flags)) return original;
    if (type === 6 && original?.editedAt) return original;
    return this.followUps[0] ?? (original as FakeMessage);
  }

  /** The message `@original` refers to, in its current state (undefined before an ack or after deletion). */
  get original(): FakeMessage | undefined {
    const message = this.record.originalId ? this.state.messages.get(this.record.originalId) : undefined;
    return message?.deleted ? undefined : message;
  }

  /** Follow-up messages in the order the bot sent them (current state). */
  get followUps(): FakeMessage[] {
    return this.record.followUpIds
      .map((id) => this.state.messages.get(id))
      .filter((m): m is FakeMessage => !!m && !m.deleted);
  }

  /** Whether the reply is visible only to the interaction user. */
  get ephemeral(): boolean {
    if (this.original) return this.original.ephemeral;
    const flags = (this.record.initial?.data?.flags as number | undefined) ?? 0;
    return (flags & 64) !== 0;
  }
}
