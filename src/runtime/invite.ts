/**
 * The invite link and the permissions behind it. Slash commands, their replies, buttons and modals need
 * no permission at all (they answer the interaction); only what the bot posts into a channel on its own
 * does: the rounds of a race and the daily question. Each feature lists what it needs here, and the
 * invite asks for exactly their union, nothing more (docs/setup.md has the same table).
 */
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';

type PermissionName = keyof typeof PermissionFlagsBits;

/** A feature that needs channel permissions, and which. */
export interface FeaturePermissions {
  feature: string;
  why: string;
  permissions: readonly PermissionName[];
}

/** What each feature needs in the channel it posts to. */
export const FEATURE_PERMISSIONS: readonly FeaturePermissions[] = [
  {
    feature: '/quiz mode:race',
    why: 'posts the rounds and the reveal in the channel, as embeds with buttons',
    permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
  },
  {
    feature: '/daily',
    why: 'posts the daily question in the chosen channel and edits it with the answer count and reveal',
    permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
  },
  {
    feature: 'end of a season',
    why: 'posts the final podium, with its picture card, and announces the new season',
    permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'AttachFiles'],
  },
];

/** The OAuth2 scopes: `bot` joins the server, `applications.commands` adds the slash commands. */
export const INVITE_SCOPES = ['bot', 'applications.commands'] as const;

/** The union of every feature's permissions, as Discord's bit field. */
export function invitePermissions(features: readonly FeaturePermissions[] = FEATURE_PERMISSIONS): bigint {
  return features.flatMap((f) => f.permissions).reduce((bits, name) => bits | PermissionFlagsBits[name], 0n);
}

/** Permission names of a bit field as Discord's settings show them ("View Channel"), in Discord's order. */
export function permissionNames(bits: bigint): string[] {
  return new PermissionsBitField(bits).toArray().map((name) => name.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

/** `https://discord.com/oauth2/authorize?client_id=…&scope=bot+applications.commands&permissions=…`. */
export function inviteUrl(applicationId: string, permissions: bigint = invitePermissions()): string {
  return (
    `https://discord.com/oauth2/authorize?client_id=${applicationId}` +
    `&scope=${INVITE_SCOPES.join('+')}&permissions=${permissions}`
  );
}
