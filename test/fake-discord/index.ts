export {
  type AutocompleteInput,
  type ComponentInput,
  FakeDiscord,
  type FakeDiscordOptions,
  type ModalInput,
} from './fake-discord.ts';
export { InteractionHandle } from './handle.ts';
export type { ActorInput, OptionValue, SlashInput } from './interaction-payloads.ts';
export { MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, Permission } from './permissions.ts';
export { BOT_ROLE_POSITION, type FakeRole, type FakeRoleInit, FakeRoles } from './roles.ts';
export { guildIdForShard, shardOf } from './snowflake.ts';
export { DEFAULT_MEMBERS } from './state.ts';
export type * from './types.ts';
