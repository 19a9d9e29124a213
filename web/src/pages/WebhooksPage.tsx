// Admins see every webhook subscription, whether it is active or paused after failing too
// often, and its latest deliveries with their attempts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api';
import { formatInstant } from '../format';
import { Link } from '../router';

export function WebhooksPage() {
  const queryClient = useQueryClient();
  const subscriptions = useQuery({
    queryKey: ['webhook-subscriptions'],
    queryFn: async () => unwrap(await api.GET('/v1/webhook-subscriptions')).items,
    refetchInterval: 10_000,
  });
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries'],
    queryFn: async () => unwrap(await api.GET('/v1/webhook-deliveries', { params: { query: { limit: 50 } } })).items,
    refetchInterval: 10_000,
  });
  const resume = useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/v1/webhook-subscriptions/{id}/resume', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhook-subscriptions'] }),
  });
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhook subscriptions</h1>
      {subscriptions.isError && <p role="alert">{subscriptions.error.message}</p>}
      <table className="queue">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">State</th>
            <th scope="col">Failures in a row</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.data?.map((s) => (
            <tr key={s.id} className={s.status === 'paused' ? 'is-overdue' : undefined}>
              <td>{s.url}</td>
              <td>{s.eventTypes.join(', ')}</td>
              <td>
                {s.status === 'paused' ? (
                  <span className="badge overdue" title={s.pausedReason ?? ''}>
                    paused {s.pausedAt ? formatInstant(s.pausedAt) : ''}
                  </span>
                ) : (
                  'active'
                )}
              </td>
              <td>{s.consecutiveFailures}</td>
              <td>
                {s.status === 'paused' && (
                  <button type="button" className="secondary small" onClick={() => resume.mutate(s.id)}>
                    Resume
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Latest deliveries (webhook and e-mail)</h2>
      <table className="queue">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Channel</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last attempt</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data?.map((d) => (
            <tr key={d.id}>
              <td>
                <Link to={`/desk/cases/${d.caseId}`}>{d.eventType}</Link> #{d.caseEventId}
              </td>
              <td>{d.channel}</td>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td>{d.lastAttemptAt ? formatInstant(d.lastAttemptAt) : '—'}</td>
              <td>{d.lastError ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
