import { connection } from 'next/server';
import { chooseModel } from '@/lib/model';
import { currentUser } from '@/lib/onbehalf';
import { Demo } from './demo';

type SearchParams = Record<string, string | string[] | undefined>;

/** After a connect flow onbehalf redirects here with `onbehalf_status` and `onbehalf_connection`. */
function noticeFrom(params: SearchParams): string {
  const { onbehalf_status: status, onbehalf_connection: name, onbehalf_error: error } = params;
  if (!status) return '';
  return status === 'success' ? `Connected ${name}.` : `Connecting ${name} failed: ${error ?? 'unknown error'}.`;
}

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection(); // rendered per request: the user and the model come from the server's environment
  const user = currentUser();
  return (
    <>
      <header>
        <h1>onbehalf demo — Next.js + AI SDK</h1>
        <p>
          Signed in as <strong data-testid="user">{user}</strong>. The agent acts on your behalf with the accounts you connect.
        </p>
        <span className="model" data-testid="model">Model: {chooseModel().label}</span>
      </header>
      <Demo notice={noticeFrom(await searchParams)} />
    </>
  );
}
