import { type FormEvent, useId, useState } from 'react';
import type { Role } from '../../shared/contract/common.schemas';
import type { ManagedUser } from '../../shared/contract/users.contract';
import { call } from '../bridge/techstore-bridge';
import { Dialog } from '../components/dialog';
import { FieldMessage, fieldDescriptionId } from '../components/field-message';
import { TextField } from '../components/text-field';
import { useT } from '../i18n/i18n';
import { PinField } from './pin-field';
import { UserDialogFooter } from './user-dialog-footer';
import { describeUserFailure, newPinErrors, type UserFieldErrors } from './user-failure';

export type UserFormMode = { kind: 'add' } | { kind: 'edit'; user: ManagedUser };

interface UserFormDialogProps {
  mode: UserFormMode;
  /** The roles this user may give here (shared/user-management.ts); the first is the default for a new user. */
  roles: readonly Role[];
  /** Shown under the role: why a role is not offered (one's own role; admins come from central). */
  roleHint?: string | undefined;
  onSaved: (name: string) => void;
  onClose: () => void;
}

/** Add a user (name, role, PIN twice) or edit one (name and role). Errors sit under their field. */
export function UserFormDialog({ mode, roles, roleHint, onSaved, onClose }: UserFormDialogProps) {
  const t = useT();
  const roleId = useId();
  const editing = mode.kind === 'edit' ? mode.user : null;
  const [name, setName] = useState(editing?.name ?? '');
  const [role, setRole] = useState<Role>(editing?.role ?? roles.find((r) => r === 'cashier') ?? roles[0] ?? 'cashier');
  const [pin, setPin] = useState('');
  const [pinRepeat, setPinRepeat] = useState('');
  const [errors, setErrors] = useState<UserFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clear = (field: keyof UserFieldErrors) => {
    setErrors(({ [field]: _cleared, ...rest }) => rest);
    setFormError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    const found: UserFieldErrors = {
      ...(trimmed === '' ? { name: t('validation.required') } : {}),
      ...(editing ? {} : newPinErrors(t, pin, pinRepeat)),
    };
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = editing
      ? await call('users.update', { id: editing.id, name: trimmed, role })
      : await call('users.create', { name: trimmed, role, pin });
    setBusy(false);
    if (result.ok) {
      onSaved(result.value.name);
      return;
    }
    const shown = describeUserFailure(t, result, ['name', 'role', 'pin']);
    if (shown.field) setErrors({ [shown.field]: shown.text });
    else setFormError(shown.text);
  };

  const roleError = errors.role;
  return (
    <Dialog
      title={editing ? t('users.form.editTitle', { name: editing.name }) : t('users.form.addTitle')}
      onClose={onClose}
      testId="user-form-dialog"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('users.form.name')}
          value={name}
          onChange={(v) => {
            setName(v);
            clear('name');
          }}
          error={errors.name}
          maxLength={60}
          autoComplete="off"
          autoFocus
          testId="user-name"
        />
        <div className="field">
          <label htmlFor={roleId}>{t('users.form.role')}</label>
          <select
            id={roleId}
            value={role}
            disabled={roles.length < 2}
            onChange={(e) => {
              const next = roles.find((r) => r === e.target.value);
              if (next) setRole(next);
              clear('role');
            }}
            aria-invalid={roleError ? true : undefined}
            aria-describedby={fieldDescriptionId(roleId, roleError, roleHint)}
            data-testid="user-role"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          <FieldMessage id={roleId} error={roleError} hint={roleHint} testId="user-role" />
        </div>
        {editing ? null : (
          <div className="field-row">
            <PinField
              label={t('users.form.pin')}
              purpose="new"
              value={pin}
              onChange={(digits) => {
                setPin(digits);
                clear('pin');
              }}
              error={errors.pin}
              testId="user-pin"
            />
            <PinField
              label={t('users.form.pinRepeat')}
              purpose="new"
              value={pinRepeat}
              onChange={(digits) => {
                setPinRepeat(digits);
                clear('pinRepeat');
              }}
              error={errors.pinRepeat}
              testId="user-pin-repeat"
            />
          </div>
        )}
        <UserDialogFooter
          error={formError}
          busy={busy}
          submitLabel={t('users.form.save')}
          onCancel={onClose}
          testId="user-form"
        />
      </form>
    </Dialog>
  );
}
