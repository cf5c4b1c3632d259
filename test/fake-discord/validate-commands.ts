import { FormErrors } from './form-errors.ts';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** Option types: 1 subcommand, 2 group, 3 string, 4 integer, 5 boolean, 6 user, 7 channel, 8 role, 9 mentionable, 10 number, 11 attachment. */
export const OptionType = {
  Subcommand: 1,
  Group: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

// Discord's documented name pattern for chat input commands and options.
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Checks a bulk-overwrite body (PUT …/commands) as Discord does; returns the field errors. */
export function checkCommandList(body: unknown): FormErrors {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return errors;
  }
  errors.maxItems([], body, 100);
  const names = new Set<string>();
  body.forEach((command: Json, i: number) => {
    checkCommand(command, [i], errors);
    const key = `${String(command?.type ?? 1)}:${String(command?.name)}`;
    if (names.has(key))
      errors.add(
        [i, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        `Application command names must be unique`,
      );
    names.add(key);
  });
  return errors;
}

/** Checks one command definition. */
export function checkCommand(command: Json, path: Path, errors: FormErrors): void {
  if (!command || typeof command !== 'object') {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const type = command.type ?? 1;
  if (type !== 1 && type !== 2 && type !== 3 && type !== 4) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
    return;
  }
  if (type === 1) {
    checkName(command.name, [...path, 'name'], errors);
    errors.stringLength([...path, 'description'], command.description, 1, 100);
    checkOptions(command.options, [...path, 'options'], errors, 0);
  } else {
    errors.stringLength([...path, 'name'], command.name, 1, 32);
    if (command.description)
      errors.add(
        [...path, 'description'],
        'APPLICATION_COMMAND_NO_DESCRIPTION',
        'Context menu commands cannot have a description.',
      );
  }
  const perms = command.default_member_permissions;
  if (perms !== undefined && perms !== null && (typeof perms !== 'string' || !/^\d+$/.test(perms))) {
    errors.add(
      [...path, 'default_member_permissions'],
      'BASE_TYPE_STRING',
      'Must be a permission bit set as a decimal string.',
    );
  }
}

function checkName(name: unknown, at: Path, errors: FormErrors): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    errors.add(
      at,
      'APPLICATION_COMMAND_INVALID_NAME',
      `Command name is invalid: "${String(name)}" (1–32 letters, digits, - or _).`,
    );
  } else if (name !== name.toLowerCase()) {
    errors.add(at, 'APPLICATION_COMMAND_INVALID_NAME', `Command name must be lower case: "${name}".`);
  }
}

/** `depth` 0 = command level, 1 = inside a group or subcommand, 2 = inside a subcommand of a group. */
function checkOptions(options: unknown, at: Path, errors: FormErrors, depth: number): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.add(at, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  errors.maxItems(at, options, 25);
  const names = new Set<string>();
  let sawOptional = false;
  const kinds = new Set<'sub' | 'value'>();
  options.forEach((option: Json, i: number) => {
    const path = [...at, i];
    const type = option?.type as number;
    checkName(option?.name, [...path, 'name'], errors);
    errors.stringLength([...path, 'description'], option?.description, 1, 100);
    if (typeof option?.name === 'string') {
      if (names.has(option.name))
        errors.add(
          [...path, 'name'],
          'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          'Option names must be unique.',
        );
      names.add(option.name);
    }
    if (!Number.isInteger(type) || type < 1 || type > 11) {
      errors.add(
        [...path, 'type'],
        'BASE_TYPE_CHOICES',
        'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.',
      );
      return;
    }
    if (type === OptionType.Subcommand || type === OptionType.Group) {
      kinds.add('sub');
      if (type === OptionType.Group && depth > 0)
        errors.add(
          [...path, 'type'],
          'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          'A subcommand group can only sit at the top level.',
        );
      if (type === OptionType.Subcommand && depth > 1)
        errors.add(
          [...path, 'type'],
          'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          'Subcommands cannot nest this deep.',
        );
      if (type === OptionType.Group) {
        const children = (option.options ?? []) as Json[];
        if (
          !Array.isArray(children) ||
          children.length === 0 ||
          children.some((c) => c?.type !== OptionType.Subcommand)
        ) {
          errors.add(
            [...path, 'options'],
            'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
            'A subcommand group must contain only subcommands.',
          );
        }
      }
      if (option.required)
        errors.add(
          [...path, 'required'],
          'APPLICATION_COMMAND_OPTION_REQUIRED_INVALID',
          'Subcommands cannot be required.',
        );
      checkOptions(option.options, [...path, 'options'], errors, type === OptionType.Group ? 1 : 2);
      return;
    }
    kinds.add('value');
    if (option.required) {
      if (sawOptional)
        errors.add(
          [...path, 'required'],
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options.',
        );
    } else sawOptional = true;
    checkValueOption(option, type, path, errors);
  });
  if (kinds.size > 1)
    errors.add(
      at,
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Subcommands cannot be mixed with other options.',
    );
}

function checkValueOption(option: Json, type: number, path: Path, errors: FormErrors): void {
  const choices = option.choices;
  if (choices !== undefined) {
    if (![OptionType.String, OptionType.Integer, OptionType.Number].includes(type as 3 | 4 | 10)) {
      errors.add(
        [...path, 'choices'],
        'APPLICATION_COMMAND_OPTION_CHOICES_INVALID',
        'Only string, integer and number options have choices.',
      );
    } else if (!Array.isArray(choices))
      errors.add([...path, 'choices'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    else {
      errors.maxItems([...path, 'choices'], choices, 25);
      choices.forEach((choice: Json, k: number) => {
        errors.stringLength([...path, 'choices', k, 'name'], choice?.name, 1, 100);
        const value = choice?.value;
        if (type === OptionType.String) {
          errors.stringLength([...path, 'choices', k, 'value'], value, 1, 100);
        } else if (typeof value !== 'number' || (type === OptionType.Integer && !Number.isInteger(value))) {
          errors.add(
            [...path, 'choices', k, 'value'],
            'BASE_TYPE_NUMBER',
            `Choice value must be ${type === OptionType.Integer ? 'an integer' : 'a number'}.`,
          );
        }
      });
    }
    if (option.autocomplete)
      errors.add(
        [...path, 'autocomplete'],
        'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID',
        'Autocomplete cannot be combined with choices.',
      );
  }
  if (
    option.autocomplete &&
    ![OptionType.String, OptionType.Integer, OptionType.Number].includes(type as 3 | 4 | 10)
  ) {
    errors.add(
      [...path, 'autocomplete'],
      'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID',
      'Only string, integer and number options autocomplete.',
    );
  }
  const min = option.min_value;
  const max = option.max_value;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    errors.add([...path, 'min_value'], 'NUMBER_TYPE_MAX', 'min_value must not exceed max_value.');
  }
  if (option.min_length !== undefined || option.max_length !== undefined) {
    if (type !== OptionType.String)
      errors.add(
        [...path, 'min_length'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Only string options have lengths.',
      );
    const minLen = option.min_length as number | undefined;
    const maxLen = option.max_length as number | undefined;
    if (minLen !== undefined && (minLen < 0 || minLen > 6000))
      errors.add([...path, 'min_length'], 'NUMBER_TYPE_MAX', 'Must be between 0 and 6000.');
    if (maxLen !== undefined && (maxLen < 1 || maxLen > 6000))
      errors.add([...path, 'max_length'], 'NUMBER_TYPE_MAX', 'Must be between 1 and 6000.');
  }
  if (option.channel_types !== undefined && type !== OptionType.Channel) {
    errors.add(
      [...path, 'channel_types'],
      'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
      'Only channel options have channel types.',
    );
  }
}
