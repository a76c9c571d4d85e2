import type { UsersMessageKey } from './users.es-AR';

/** The Usuarios screen's slice of the English catalog; typed against the es-AR slice. */
export const usersEn: Record<UsersMessageKey, string> = {
  'nav.users': 'Users',

  'users.title': 'Users',
  'users.intro':
    "The people who log in at this store's terminals. An inactive user cannot log in; their sales and repairs keep their name.",
  'users.add': 'Add user',
  'users.edit': 'Edit',
  'users.deactivate': 'Deactivate',
  'users.reactivate': 'Reactivate',
  'users.resetPin': 'Reset PIN',
  'users.col.name': 'Name',
  'users.col.role': 'Role',
  'users.col.state': 'State',
  'users.col.actions': 'Actions',
  'users.state.active': 'Active',
  'users.state.inactive': 'Inactive',
  'users.you': 'you',
  'users.chainBadge': 'Chain',
  'users.chainNote': "The chain's admins are created and changed at central.",
  'users.chainRow': 'Changed at central',
  'users.managerNote': "As a manager, you manage the store's cashiers and technicians.",
  'users.loadFailed': 'Could not load the list of users.',
  'users.created': '{name} was added.',
  'users.updated': "{name}'s changes were saved.",
  'users.deactivated': '{name} was deactivated and can no longer log in.',
  'users.reactivated': '{name} was reactivated.',
  'users.pinReset': "{name}'s PIN was reset.",

  'users.form.addTitle': 'Add user',
  'users.form.editTitle': 'Edit {name}',
  'users.form.name': 'Name',
  'users.form.role': 'Role',
  'users.form.ownRole': 'Another admin can change your role.',
  'users.form.pin': 'PIN (4 to 8 digits)',
  'users.form.pinRepeat': 'Repeat PIN',
  'users.form.save': 'Save',
  'users.form.saving': 'Saving…',
  'users.form.cancel': 'Cancel',

  'users.confirm.deactivateTitle': 'Deactivate {name}?',
  'users.confirm.deactivateBody':
    "They will not be able to log in at this terminal, nor at the store's others once they sync. Their sales and repairs keep their name. They can be reactivated when needed.",
  'users.confirm.reactivateTitle': 'Reactivate {name}?',
  'users.confirm.reactivateBody': 'They will be able to log in again with their PIN.',
  'users.confirm.back': 'Back',

  'users.pin.resetTitle': "Reset {name}'s PIN",
  'users.pin.resetHint': 'Give them the new PIN in person; they can change it afterwards with "Change my PIN".',
  'users.pin.new': 'New PIN (4 to 8 digits)',
  'users.pin.repeat': 'Repeat the new PIN',
  'users.pin.current': 'Current PIN',

  'ownPin.open': 'Change my PIN',
  'ownPin.title': 'Change my PIN',
  'ownPin.done': 'Your PIN changed. Use it the next time you log in.',
  'ownPin.close': 'Close',

  'users.refusal.chainAdmin': "The chain's admins are created and changed at central.",
  'users.refusal.adminsAtCentral': 'This terminal is part of a chain: admins are created and changed at central.',
  'users.refusal.outsideRole': "A manager manages only the store's cashiers and technicians.",
  'users.refusal.self':
    'Another admin must change your role or deactivate you. You change your PIN with "Change my PIN".',
  'users.refusal.lastAdmin':
    "This is the store's last active admin: they cannot be deactivated or stop being an admin.",
  'users.refusal.nameTaken': 'The store already has a user with that name.',
  'users.refusal.wrongPin': 'The current PIN is wrong.',
};
