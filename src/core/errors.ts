/** An expected refusal: its message is shown to the user privately, as is, and not logged as a fault. */
export class UserError extends Error {
  override readonly name = 'UserError';
}
