import { useUnitMap } from '../api/hooks/directory';
import { useLocalized } from './LocalizedText';

/** A unit's name in the reader's language, from the cached units list (its code until that loads). */
export function useUnitName(): (id: string | null | undefined) => string {
  const units = useUnitMap();
  const pick = useLocalized();
  return (id) => {
    if (!id) return '';
    const u = units.get(id);
    return u ? pick(u.name) || u.code : '';
  };
}

export function UnitName({ id }: { id: string | null | undefined }) {
  const name = useUnitName();
  return <>{name(id)}</>;
}
