// A Discord modal as a native <dialog>: focus is trapped, Escape cancels, labels are real labels.

/** The text inputs of a modal: in action rows (type 1) or label components (type 18). */
function textInputs(/** @type {any[]} */ components) {
  /** @type {{ input: any, label: string, description?: string }[]} */
  const found = [];
  for (const component of components ?? []) {
    if (component.type === 1) {
      for (const inner of component.components ?? [])
        if (inner.type === 4) found.push({ input: inner, label: inner.label ?? inner.custom_id });
    } else if (component.type === 18 && component.component?.type === 4) {
      found.push({ input: component.component, label: component.label, description: component.description });
    }
  }
  return found;
}

/**
 * Shows a modal and resolves when it is closed. `submit(fields)` sends it; when it throws, the error
 * is shown in the dialog and the dialog stays open.
 * @param {HTMLDialogElement} dialog
 * @param {any} modal Discord's modal JSON
 * @param {(fields: Record<string, string>) => Promise<void>} submit
 */
export function showModal(dialog, modal, submit) {
  dialog.replaceChildren();
  const form = document.createElement('form');
  form.method = 'dialog';
  const title = document.createElement('h2');
  title.id = 'modal-title';
  title.textContent = modal.title ?? '';
  dialog.setAttribute('aria-labelledby', 'modal-title');
  form.append(title);

  textInputs(modal.components).forEach(({ input, label, description }, index) => {
    const id = `modal-field-${index}`;
    const labelNode = document.createElement('label');
    labelNode.htmlFor = id;
    labelNode.textContent = label;
    if (input.required !== false)
      labelNode.append(
        Object.assign(document.createElement('span'), {
          className: 'required',
          textContent: ' *',
          ariaHidden: 'true',
        }),
      );
    const field = document.createElement(input.style === 2 ? 'textarea' : 'input');
    field.id = id;
    field.name = input.custom_id;
    field.required = input.required !== false;
    if (input.min_length) field.minLength = input.min_length;
    if (input.max_length) field.maxLength = input.max_length;
    if (input.placeholder) field.placeholder = input.placeholder;
    if (input.value) field.value = input.value;
    form.append(labelNode);
    if (description)
      form.append(
        Object.assign(document.createElement('p'), { className: 'hint', textContent: description }),
      );
    form.append(field);
  });

  const error = document.createElement('p');
  error.className = 'form-error';
  error.setAttribute('role', 'alert');
  const actions = document.createElement('div');
  actions.className = 'dialog-actions';
  const cancel = Object.assign(document.createElement('button'), {
    type: 'button',
    textContent: 'Cancel',
    className: 'btn style-2',
  });
  const send = Object.assign(document.createElement('button'), {
    type: 'submit',
    textContent: 'Submit',
    className: 'btn style-1',
  });
  actions.append(cancel, send);
  form.append(error, actions);
  dialog.append(form);

  return new Promise((resolve) => {
    const close = () => {
      dialog.close();
      resolve(undefined);
    };
    cancel.addEventListener('click', close);
    dialog.addEventListener('cancel', () => resolve(undefined), { once: true });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      /** @type {Record<string, string>} */
      const fields = {};
      for (const field of form.querySelectorAll('input, textarea'))
        fields[/** @type {HTMLInputElement} */ (field).name] = /** @type {HTMLInputElement} */ (field).value;
      send.disabled = true;
      try {
        await submit(fields);
        close();
      } catch (failure) {
        error.textContent = failure instanceof Error ? failure.message : String(failure);
      } finally {
        send.disabled = false;
      }
    });
    dialog.showModal();
    /** @type {HTMLElement | null} */ (form.querySelector('input, textarea'))?.focus();
  });
}
