import type { Member } from '../../api/enterprises';

/** A member's avatar (or his initial) and name, as every member of the enterprise may see them. */
export function MemberName({ member }: { member: Member }) {
  const name = member.displayName || 'A member without a display name';
  const initial = (member.displayName.trim().charAt(0) || '?').toUpperCase();
  return (
    <span className="member-name">
      {member.avatarUrl ? (
        <img className="member-avatar" src={member.avatarUrl} alt="" width={32} height={32} loading="lazy" />
      ) : (
        <span className="member-avatar member-avatar--empty" data-initial={initial} aria-hidden="true" />
      )}
      <span>
        {name}
        {member.you ? ' (you)' : ''}
      </span>
    </span>
  );
}
