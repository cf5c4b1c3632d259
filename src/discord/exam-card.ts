import { examResultView } from '../cards/index.ts';
import type { ExamResult } from '../exam/result.ts';
import type { ExamView } from '../exam/service.ts';
import type { ExamSession } from '../exam/session.ts';
import { cardsOf } from './cards.ts';
import type { Context } from './command.ts';
import type { ResultCard } from './render/exam-result.ts';

/** Who looks at the result, as the card names them. */
export interface Viewer {
  guildId: string | null;
  user: { id: string; displayName: string };
  member?: unknown;
}

function nameOf(viewer: Viewer): string {
  // A cached GuildMember has displayName; the raw API member of an uncached guild only its nick.
  const member = viewer.member as { displayName?: unknown; nick?: unknown } | null | undefined;
  if (typeof member?.displayName === 'string') return member.displayName;
  if (typeof member?.nick === 'string' && member.nick) return member.nick;
  return viewer.user.displayName;
}

/**
 * The result's words and card, drawn through the bot's card cache (a result never changes, so going
 * back from the review draws nothing). A card that fails to draw leaves the text, never the answer.
 */
export async function examResultCard(
  ctx: Context,
  viewer: Viewer,
  session: ExamSession,
  result: ExamResult,
): Promise<Required<Pick<ResultCard, 'view'>> & ResultCard> {
  const view = examResultView({ profileName: session.profile.name, name: nameOf(viewer), result });
  const card = await cardsOf(ctx)
    .render('exam', view.card)
    .catch((error: unknown) => {
      ctx.log.warn({ err: error, guildId: viewer.guildId }, 'exam card failed to render; sending text');
      return undefined;
    });
  return card ? { view, card } : { view };
}

/** The card of a result view, or nothing for a question or the confirmation. */
export async function cardOfView(
  ctx: Context,
  viewer: Viewer,
  view: ExamView,
): Promise<ResultCard | undefined> {
  return view.kind === 'result' ? examResultCard(ctx, viewer, view.session, view.result) : undefined;
}
