// The side panels of the meeting: participants (with the waiting room and the host
// controls) and chat.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { canModerate, indicatorsOf, type MeetingState, type Participant } from '../../meetings/meetingState';
import { signalingErrorText } from '../../meetings/meetingSession';

type Call = (method: string, data?: object) => Promise<unknown>;

const ROLE_NAMES = { host: 'Host', cohost: 'Co-host', participant: '' } as const;

/** Runs a host action, showing its failure in the panel. */
function useAction(call: Call) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (method: string, data: object = {}) => {
    setBusy(true);
    setError(null);
    try {
      await call(method, data);
    } catch (e) {
      setError(`${signalingErrorText(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

export function ParticipantsPanel({ state, selfName, call }: { state: MeetingState; selfName: string; call: Call }) {
  const { error, busy, run } = useAction(call);
  const moderator = canModerate(state.role);
  const [confirmEnd, setConfirmEnd] = useState(false);
  return (
    <section className="side-panel" aria-label="Participants" data-testid="participants-panel">
      <h2 className="side-panel__title">Participants ({state.participants.length + 1})</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {moderator && state.waiting.length > 0 && (
        <div className="waiting-list" data-testid="waiting-list">
          <h3>Waiting to join ({state.waiting.length})</h3>
          <ul>
            {state.waiting.map((w) => (
              <li key={w.participantId} data-testid="waiting-person" data-name={w.displayName}>
                <span>
                  {w.displayName}
                  {w.guest && <span className="badge">guest</span>}
                </span>
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  onClick={() => void run('admit', { participantId: w.participantId })}
                >
                  Admit {w.displayName}
                </button>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  disabled={busy}
                  onClick={() => void run('refuse', { participantId: w.participantId })}
                >
                  Refuse {w.displayName}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {moderator && (
        <div className="host-controls">
          <button type="button" className="button button--quiet button--small" onClick={() => void run('muteAll')}>
            Mute all
          </button>
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => void run('setLocked', { locked: !state.meeting?.locked })}
          >
            {state.meeting?.locked ? 'Unlock meeting' : 'Lock meeting'}
          </button>
          {state.role === 'host' && !confirmEnd && (
            <button type="button" className="button button--danger button--small" onClick={() => setConfirmEnd(true)}>
              End meeting for all
            </button>
          )}
          {confirmEnd && (
            <span role="group" aria-label="End the meeting">
              End the meeting for everyone?{' '}
              <button
                type="button"
                className="button button--danger button--small"
                onClick={() => void run('endMeeting')}
              >
                Yes, end it
              </button>{' '}
              <button type="button" className="button button--quiet button--small" onClick={() => setConfirmEnd(false)}>
                No
              </button>
            </span>
          )}
        </div>
      )}
      <ul className="participant-list">
        <li data-testid="participant" data-self="true">
          <span className="participant-list__name">
            {selfName} (you) {ROLE_NAMES[state.role] && <span className="badge">{ROLE_NAMES[state.role]}</span>}
            {state.local.handRaised && <span aria-label="hand raised"> ✋</span>}
          </span>
          <span className="participant-list__indicators">
            {state.local.micOn ? 'Mic on' : 'Muted'} · {state.local.cameraOn ? 'Camera on' : 'Camera off'}
          </span>
        </li>
        {state.participants.map((p) => (
          <ParticipantRow key={p.participantId} state={state} participant={p} run={run} busy={busy} />
        ))}
      </ul>
    </section>
  );
}

function ParticipantRow(props: {
  state: MeetingState;
  participant: Participant;
  run: (method: string, data?: object) => Promise<void>;
  busy: boolean;
}) {
  const { state, participant: p, run, busy } = props;
  const ind = indicatorsOf(state, p.participantId);
  const moderator = canModerate(state.role);
  const id = { participantId: p.participantId };
  return (
    <li data-testid="participant" data-participant-id={p.participantId} data-name={p.displayName}>
      <span className="participant-list__name">
        {p.displayName}
        {ROLE_NAMES[p.role] && <span className="badge">{ROLE_NAMES[p.role]}</span>}
        {p.guest && <span className="badge">guest</span>}
        {p.handRaised && (
          <span aria-label="hand raised" data-testid="hand-raised">
            {' '}
            ✋
          </span>
        )}
      </span>
      <span className="participant-list__indicators" data-testid="indicators" data-mic={String(ind.micOn)}>
        {ind.micOn ? 'Mic on' : 'Muted'} · {ind.cameraOn ? 'Camera on' : 'Camera off'}
        {ind.sharing && ' · Sharing screen'}
      </span>
      {moderator && p.role !== 'host' && (
        <span className="participant-list__actions">
          {ind.micOn && (
            <button
              type="button"
              className="link-button"
              disabled={busy}
              onClick={() => void run('muteParticipant', id)}
            >
              Mute {p.displayName}
            </button>
          )}
          {state.role === 'host' && (
            <button
              type="button"
              className="link-button"
              disabled={busy}
              onClick={() => void run('makeCohost', { ...id, cohost: p.role !== 'cohost' })}
            >
              {p.role === 'cohost' ? `Make ${p.displayName} a participant` : `Make ${p.displayName} co-host`}
            </button>
          )}
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => void run('removeParticipant', id)}
          >
            Remove {p.displayName}
          </button>
        </span>
      )}
    </li>
  );
}

export const CHAT_MAX = 2000;

export function ChatPanel({ state, call }: { state: MeetingState; call: Call }) {
  const [text, setText] = useState('');
  const { error, busy, run } = useAction(call);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [state.chat.length]);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    await run('sendChat', { text: trimmed });
    setText('');
  };
  return (
    <section className="side-panel" aria-label="Chat" data-testid="chat-panel">
      <h2 className="side-panel__title">Chat</h2>
      <p className="side-panel__note">Messages are kept only while the meeting runs.</p>
      <ol className="chat-list" ref={list} aria-live="polite">
        {state.chat.map((m) => (
          <li key={m.messageId} data-testid="chat-message">
            <span className="chat-list__who">{m.participantId === state.selfId ? 'You' : m.displayName}</span>{' '}
            <time className="chat-list__time" dateTime={m.sentAt}>
              {new Date(m.sentAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
            </time>
            <p className="chat-list__text">{m.text}</p>
          </li>
        ))}
      </ol>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <form className="chat-form" onSubmit={(e) => void send(e)}>
        <label className="visually-hidden" htmlFor="chat-input">
          Message
        </label>
        <textarea
          id="chat-input"
          value={text}
          maxLength={CHAT_MAX}
          rows={2}
          placeholder="Write a message"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" className="button button--small" disabled={busy || !text.trim()}>
          Send
        </button>
      </form>
      {text.length > CHAT_MAX - 100 && <p className="field__hint">{CHAT_MAX - text.length} characters left</p>}
    </section>
  );
}
