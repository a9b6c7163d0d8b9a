import { useQuery } from '@tanstack/react-query';
import { Page } from '../../ui/page';
import { QueryView } from '../../ui/states';
import { readMe, type ScimMe } from './settings-api';
import { SettingsNav } from './settings-nav';

function Profile({ me }: { me: ScimMe }) {
  const email = me.emails.find((entry) => entry.primary)?.value ?? me.emails[0]?.value;
  return (
    <section className="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{me.displayName}</h2>
      <dl className="facts">
        <dt>User name</dt>
        <dd data-testid="profile-user-name">{me.userName}</dd>
        <dt>Email</dt>
        <dd>{email ?? '—'}</dd>
        <dt>User ID</dt>
        <dd className="mono">{me.id}</dd>
        <dt>Status</dt>
        <dd>{me.active ? 'Active' : 'Inactive'}</dd>
        <dt>Groups</dt>
        <dd>{me.groups.map((group) => group.display).join(', ') || '—'}</dd>
        <dt>Entitlements</dt>
        <dd>{me.entitlements.map((entitlement) => entitlement.value).join(', ') || '—'}</dd>
      </dl>
    </section>
  );
}

/** The signed-in user, as SCIM's Me describes them. */
export function ProfilePage() {
  const me = useQuery({ queryKey: ['scim-me'], queryFn: readMe });
  return (
    <Page title="Settings">
      <SettingsNav />
      <QueryView query={me} label="Loading your profile">
        {(data) => <Profile me={data} />}
      </QueryView>
      <p className="muted">The workspace's other users and its groups cannot be managed here yet.</p>
    </Page>
  );
}
