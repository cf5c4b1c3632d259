// The playground page: one server, its channels, a member switcher, the bot clock, and the channel
// as the chosen member sees it, kept live by the server's event stream.
import { get, post } from './api.js';
import { createComposer } from './composer.js';
import { refreshTimestamps } from './markdown.js';
import { updateMessageList } from './messages.js';
import { showModal } from './modal.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const page = {
  /** @type {any} */ meta: null,
  channelId: '',
  userId: '',
  /** Bot clock minus this browser's clock, in ms. */
  skewMs: 0,
  /** Ephemeral messages the member dismissed (Discord forgets them too). */
  dismissed: new Set(),
  refreshing: false,
  again: false,
};

const botNow = () => Date.now() + page.skewMs;
const member = () => page.meta.members.find((m) => m.id === page.userId);
const channel = () => page.meta.channels.find((c) => c.id === page.channelId);

/** What markdown and messages need to draw names and times. */
function renderContext() {
  return {
    botName: page.meta.bot.name,
    members: page.meta.members,
    channels: page.meta.channels,
    userName: (/** @type {string} */ id) =>
      page.meta.members.find((m) => m.id === id)?.displayName ??
      (id === page.meta.bot.id ? page.meta.bot.name : 'unknown-user'),
    channelName: (/** @type {string} */ id) =>
      page.meta.channels.find((c) => c.id === id)?.name ?? 'unknown-channel',
    now: botNow,
  };
}

let toastTimer = 0;
function clearToast() {
  window.clearTimeout(toastTimer);
  $('toast').hidden = true;
}
function toast(/** @type {string} */ message) {
  const node = $('toast');
  node.textContent = message;
  node.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (node.hidden = true), 6000);
}

/** What the bot answered: a modal to fill in, or Discord's error line. */
async function handleResult(/** @type {any} */ result) {
  // An answer that worked clears an earlier error, so a stale toast never sits over a good result.
  if (result.error) toast(result.error);
  else clearToast();
  if (result.modal) {
    await showModal(/** @type {HTMLDialogElement} */ ($('modal')), result.modal, async (fields) => {
      const answer = await post('/api/modal', {
        userId: page.userId,
        customId: result.modal.custom_id,
        fields,
      });
      if (answer.error) throw new Error(answer.error);
    });
  }
}

const actions = {
  async click(/** @type {string} */ messageId, /** @type {string} */ customId) {
    try {
      await handleResult(await post('/api/click', { userId: page.userId, messageId, customId }));
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error));
    }
  },
  async select(
    /** @type {string} */ messageId,
    /** @type {string} */ customId,
    /** @type {string[]} */ values,
  ) {
    try {
      await handleResult(await post('/api/select', { userId: page.userId, messageId, customId, values }));
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error));
    }
  },
  dismiss(/** @type {string} */ messageId) {
    page.dismissed.add(messageId);
    void refresh();
  },
};

function setClock(/** @type {{ now: string }} */ clock) {
  page.skewMs = Date.parse(clock.now) - Date.now();
  drawClock();
}

function drawClock() {
  $('clock-now').textContent = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(botNow()));
}

function drawChannels() {
  const list = $('channels');
  list.replaceChildren();
  for (const c of page.meta.channels) {
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'channel',
      textContent: c.name,
    });
    button.prepend(
      Object.assign(document.createElement('span'), {
        className: 'hash',
        textContent: '# ',
        ariaHidden: 'true',
      }),
    );
    if (c.id === page.channelId) button.setAttribute('aria-current', 'page');
    button.addEventListener('click', () => {
      page.channelId = c.id;
      drawChannels();
      drawChannelHeader();
      $('messages').replaceChildren();
      void refresh();
    });
    const item = document.createElement('li');
    item.append(button);
    list.append(item);
  }
}

function drawChannelHeader() {
  $('channel-name').textContent = channel()?.name ?? '';
  /** @type {HTMLInputElement} */ ($('command-input')).placeholder =
    `Type / for commands in #${channel()?.name ?? ''}`;
}

function drawMembers() {
  const select = /** @type {HTMLSelectElement} */ ($('member'));
  select.replaceChildren();
  for (const m of page.meta.members) {
    const option = Object.assign(document.createElement('option'), {
      value: m.id,
      textContent: `${m.displayName}${m.manager ? ' (admin)' : ''}`,
    });
    select.append(option);
  }
  select.value = page.userId;
  $('member-role').textContent = member()?.manager
    ? 'May use admin commands (Manage Server).'
    : 'An ordinary member.';
}

/** Fetches the channel as the member sees it, and the clock; one at a time, once more if asked meanwhile. */
async function refresh() {
  if (page.refreshing) {
    page.again = true;
    return;
  }
  page.refreshing = true;
  try {
    do {
      page.again = false;
      const [state, { messages }] = await Promise.all([
        get('/api/state'),
        get(`/api/messages?channel=${page.channelId}&viewer=${page.userId}`),
      ]);
      page.meta = state;
      setClock(state.clock);
      const list = $('messages');
      const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
      updateMessageList(
        list,
        messages.filter((m) => !page.dismissed.has(m.id)),
        renderContext(),
        actions,
      );
      if (nearBottom) list.scrollTop = list.scrollHeight;
    } while (page.again);
  } catch (error) {
    toast(`Lost the playground server: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    page.refreshing = false;
  }
}

async function moveClock(/** @type {number} */ ms) {
  try {
    setClock(await post('/api/clock', { ms }));
  } catch (error) {
    toast(error instanceof Error ? error.message : String(error));
  }
}

async function start() {
  page.meta = await get('/api/state');
  page.channelId = page.meta.channels[0]?.id ?? '';
  page.userId = page.meta.members[0]?.id ?? '';
  setClock(page.meta.clock);
  $('guild-name').textContent = page.meta.guild.name;
  drawChannels();
  drawChannelHeader();
  drawMembers();

  const composer = createComposer({
    form: /** @type {HTMLFormElement} */ ($('command-form')),
    input: /** @type {HTMLInputElement} */ ($('command-input')),
    fields: $('option-fields'),
    list: $('suggestions'),
    status: $('composer-status'),
    commands: () => page.meta.commands,
    where: () => ({
      userId: page.userId,
      channelId: page.channelId,
      channelName: channel()?.name ?? '',
      manager: Boolean(member()?.manager),
      members: page.meta.members,
      channels: page.meta.channels,
    }),
    onResult: (result) => void handleResult(result),
    onError: toast,
  });

  $('member').addEventListener('change', (event) => {
    page.userId = /** @type {HTMLSelectElement} */ (event.target).value;
    composer.reset();
    drawMembers();
    $('messages').replaceChildren();
    void refresh();
  });
  $('clock-hour').addEventListener('click', () => void moveClock(3_600_000));
  $('clock-day').addEventListener('click', () => void moveClock(86_400_000));

  const events = new EventSource('/api/events');
  events.addEventListener('change', () => void refresh());
  window.setInterval(() => {
    drawClock();
    refreshTimestamps($('messages'), botNow());
  }, 1000);
  await refresh();
  document.body.dataset.ready = 'true';
}

start().catch((error) =>
  toast(`The playground did not start: ${error instanceof Error ? error.message : String(error)}`),
);
