// A customer as the desk shows it: non-personal facts by default. Personal fields appear only
// after the reader states a purpose, and the API records who read what, why and when.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api';
import { describeValue, formatInstant } from '../format';
import { Link } from '../router';
import { PERSONAL_DATA_ROLES, useSession } from '../session';

// The API takes a purpose from its fixed list of lawful purposes only (see its OpenAPI document).
const PURPOSES = [
  { value: 'identity-verification', label: 'Verifying the customer\u2019s identity' },
  { value: 'discrepancy-resolution', label: 'Resolving a verification discrepancy' },
  { value: 'account-decision', label: 'Deciding on the account' },
  { value: 'lawful-request', label: 'Responding to a lawful request (legal)' },
  { value: 'compliance-audit', label: 'Compliance audit' },
] as const;
type Purpose = (typeof PURPOSES)[number]['value'];
const isPurpose = (v: string): v is Purpose => PURPOSES.some((p) => p.value === v);

function FactsTable({ facts, caption }: { facts: Record<string, unknown>; caption: string }) {
  return (
    <table className="facts-table">
      <caption>{caption}</caption>
      <tbody>
        {Object.entries(facts)
          .filter(([, v]) => typeof v !== 'object' || v === null)
          .map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatInstant(v) : describeValue(v)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

export function CustomerPage({ id }: { id: string }) {
  const session = useSession();
  const [purpose, setPurpose] = useState<Purpose | undefined>();
  const customer = useQuery({
    queryKey: ['customer', id, purpose ?? null],
    queryFn: async () => unwrap(await api.GET('/v1/customers/{id}', { params: { path: { id }, query: purpose ? { purpose } : {} } })),
  });
  const onReveal = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const chosen = String(new FormData(e.currentTarget).get('purpose') ?? '');
    if (isPurpose(chosen)) setPurpose(chosen);
  };
  if (customer.isPending) return <p className="loading">Loading customer…</p>;
  if (customer.isError) return <p role="alert">{customer.error.message}</p>;
  const c = customer.data;
  const { parties, accounts, personal, ...summary } = c;
  return (
    <article aria-labelledby="customer-title">
      <p>
        <Link to={`/desk/?subjectType=customer&subjectId=${id}&view=all`}>Cases of this customer</Link>
      </p>
      <h1 id="customer-title">Customer {c.externalReference}</h1>
      <FactsTable facts={summary} caption="Customer (no personal data)" />
      <h2>Parties</h2>
      {parties.map((p) => (
        <FactsTable key={p.id} facts={p} caption={`Party ${p.role}`} />
      ))}
      <h2>Accounts</h2>
      {accounts.map((a) => (
        <FactsTable key={a.id} facts={a} caption={`Account ${a.id.slice(0, 8)}`} />
      ))}
      <section aria-labelledby="personal-title" className="panel">
        <h2 id="personal-title">Personal data</h2>
        {!PERSONAL_DATA_ROLES.includes(session.role) ? (
          <p className="muted">Your role may not read personal data.</p>
        ) : personal ? (
          <>
            <p className="hint">
              Shown for: <strong>{personal.purpose}</strong> (read #{personal.readId}, recorded).
            </p>
            {personal.parties.map((p) => (
              <table key={p.partyId} className="facts-table">
                <caption>Party {p.partyId.slice(0, 8)}</caption>
                <tbody>
                  <tr>
                    <th scope="row">name</th>
                    <td>{p.name ?? '—'}</td>
                  </tr>
                  <tr>
                    <th scope="row">address</th>
                    <td>{describeValue(p.address)}</td>
                  </tr>
                  <tr>
                    <th scope="row">email</th>
                    <td>{p.email ?? '—'}</td>
                  </tr>
                  <tr>
                    <th scope="row">telephone</th>
                    <td>{p.telephone ?? '—'}</td>
                  </tr>
                  <tr>
                    <th scope="row">payment</th>
                    <td>{describeValue(p.paymentMethods)}</td>
                  </tr>
                  <tr>
                    <th scope="row">IP accesses</th>
                    <td>{p.ipAccesses.length}</td>
                  </tr>
                </tbody>
              </table>
            ))}
            <button type="button" className="secondary" onClick={() => setPurpose(undefined)}>
              Hide personal data
            </button>
          </>
        ) : (
          <form onSubmit={onReveal}>
            <p className="hint">Personal fields are shown only for a stated purpose; the read is recorded with it.</p>
            <label>
              Purpose
              <select name="purpose" required defaultValue="">
                <option value="" disabled>
                  Choose a purpose…
                </option>
                {PURPOSES.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">Show personal data</button>
          </form>
        )}
      </section>
    </article>
  );
}
