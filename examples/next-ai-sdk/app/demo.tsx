'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport, getToolName, isToolUIPart, type UIMessage } from 'ai';
import { Fragment, useCallback, useEffect, useState, type FormEvent } from 'react';

interface AccountRow {
  name: string;
  provider: string;
  status: string;
}

const transport = new DefaultChatTransport({ api: '/api/chat' });

const textOf = (message: UIMessage) => message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');

async function post<T>(path: string): Promise<T> {
  return (await fetch(path, { method: 'POST' })).json() as Promise<T>;
}

/** The signed-in user's connected accounts with Connect / Disconnect, and the chat with the agent. */
export function Demo({ notice: initialNotice }: { notice: string }) {
  const [accounts, setAccounts] = useState<AccountRow[]>();
  const [notice, setNotice] = useState(initialNotice);
  const [input, setInput] = useState('');

  const loadAccounts = useCallback(async () => {
    const { connections } = (await (await fetch('/api/accounts')).json()) as { connections: AccountRow[] };
    setAccounts(connections);
  }, []);
  // The agent may have created an account (PENDING) while asking for authorization.
  const { messages, sendMessage, status, error } = useChat({ transport, onFinish: () => void loadAccounts() });

  useEffect(() => {
    void loadAccounts();
    if (location.search) history.replaceState(null, '', location.pathname); // drop ?onbehalf_status=…
  }, [loadAccounts]);

  async function connect(name: string) {
    const { link } = await post<{ link: string }>(`/api/connect/${encodeURIComponent(name)}`);
    location.href = link; // the provider's consent, then back here
  }

  async function disconnect(name: string) {
    await post(`/api/disconnect/${encodeURIComponent(name)}`);
    setNotice(`Disconnected ${name}.`);
    await loadAccounts();
  }

  function send(event: FormEvent) {
    event.preventDefault();
    if (!input.trim()) return;
    void sendMessage({ text: input.trim() });
    setInput('');
  }

  return (
    <main>
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">Connected accounts</h2>
        <p id="notice" role="status">{notice}</p>
        <table>
          <tbody>
            {!accounts && <tr><td>Loading…</td></tr>}
            {accounts?.map(({ name, status }) => {
              const active = status === 'ACTIVE';
              return (
                <tr key={name}>
                  <td>{name}</td>
                  <td><span className={`status ${status}`} data-testid={`status-${name}`}>{status}</span></td>
                  <td>
                    {active
                      ? <button className="secondary" aria-label={`Disconnect ${name}`} onClick={() => void disconnect(name)}>Disconnect</button>
                      : <button aria-label={`Connect ${name}`} onClick={() => void connect(name)}>Connect</button>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="chat-title">
        <h2 id="chat-title">Ask the agent</h2>
        <div id="log" aria-live="polite">
          {messages.map((message) =>
            message.role === 'user' ? (
              <div key={message.id} className="msg user">{textOf(message)}</div>
            ) : (
              <Fragment key={message.id}>
                {message.parts.filter(isToolUIPart).map((part) => (
                  <div key={part.toolCallId} className="tool" data-testid="tool-call">
                    tool call › {getToolName(part)} {JSON.stringify(part.input ?? {})}
                  </div>
                ))}
                <div className="msg agent" data-testid="answer">{textOf(message) || '…'}</div>
              </Fragment>
            ),
          )}
          {status === 'submitted' && <div className="msg agent">…</div>}
          {error && <div className="msg agent">Error: {error.message}</div>}
        </div>
        <form onSubmit={send}>
          <input aria-label="Message" value={input} onChange={(e) => setInput(e.target.value)} placeholder="show my last 5 unread emails" autoComplete="off" required />
          <button type="submit" disabled={status === 'submitted' || status === 'streaming'}>Send</button>
        </form>
      </section>
    </main>
  );
}
