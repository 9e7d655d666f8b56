import { Typography } from 'antd';
import { useI18n } from './i18n';
import { useSession } from './session';
import { useLoad } from './use-load';

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The gateway names at most this many people a call. */
const PER_CALL = 100;

/**
 * The display names of the agency's people among `ids` (who requested, decided, answers), through the
 * gateway's directory of the caller's own agency: a screen says 王建国, not a user id. Ids it does not
 * know (another agency's, a service account's) are left out; the caller's roles may not read it at all.
 */
export function usePeopleNames(ids: ReadonlyArray<string | null | undefined>): Map<string, string> {
  const { client, may } = useSession();
  const wanted = may('gateway', 'identityPeople') ? [...new Set(ids.filter((id): id is string => !!id && USER_ID.test(id)))].sort() : [];
  const key = wanted.join(',');
  const names = useLoad(async () => {
    const chunks = Array.from({ length: Math.ceil(wanted.length / PER_CALL) }, (_, index) => wanted.slice(index * PER_CALL, (index + 1) * PER_CALL));
    const people = (await Promise.all(chunks.map((chunk) => client.gateway.identityPeople({ ids: chunk.join(',') })))).flat();
    return new Map(people.map((person) => [person.id, person.displayName]));
  }, [client, key]);
  return names.data ?? new Map();
}

/** A person by name; "me" for the caller; the id's first characters (the whole id on hover) where no name is known. */
export function PersonName({ id, names }: { id: string | null | undefined; names: Map<string, string> }) {
  const { t } = useI18n();
  const { caller } = useSession();
  if (!id) return <>—</>;
  if (id === caller?.userId) return <>{t('person.me')}</>;
  const name = names.get(id);
  return name ? <>{name}</> : <Typography.Text title={id}>{id.length > 12 ? id.slice(0, 8) : id}</Typography.Text>;
}
