/** The Usuarios screen's slice of the es-AR catalog (the reference: renderer/i18n/es-AR.ts spreads it in). */
export const usersEsAR = {
  'nav.users': 'Usuarios',

  'users.title': 'Usuarios',
  'users.intro':
    'Las personas que ingresan en las terminales de esta tienda. Un usuario inactivo no puede ingresar; sus ventas y reparaciones conservan su nombre.',
  'users.add': 'Agregar usuario',
  'users.edit': 'Editar',
  'users.deactivate': 'Desactivar',
  'users.reactivate': 'Reactivar',
  'users.resetPin': 'Restablecer PIN',
  'users.col.name': 'Nombre',
  'users.col.role': 'Rol',
  'users.col.state': 'Estado',
  'users.col.actions': 'Acciones',
  'users.state.active': 'Activo',
  'users.state.inactive': 'Inactivo',
  'users.you': 'vos',
  'users.chainBadge': 'Cadena',
  'users.chainNote': 'Los administradores de la cadena se crean y cambian en la central.',
  'users.chainRow': 'Se cambia en la central',
  'users.managerNote': 'Como encargado, administrás a los cajeros y técnicos de la tienda.',
  'users.loadFailed': 'No se pudo cargar la lista de usuarios.',
  'users.created': 'Se agregó a {name}.',
  'users.updated': 'Se guardaron los cambios de {name}.',
  'users.deactivated': 'Se desactivó a {name}. Ya no puede ingresar.',
  'users.reactivated': 'Se reactivó a {name}.',
  'users.pinReset': 'Se restableció el PIN de {name}.',

  'users.form.addTitle': 'Agregar usuario',
  'users.form.editTitle': 'Editar a {name}',
  'users.form.name': 'Nombre',
  'users.form.role': 'Rol',
  'users.form.ownRole': 'Otro administrador puede cambiar tu rol.',
  'users.form.pin': 'PIN (4 a 8 dígitos)',
  'users.form.pinRepeat': 'Repetir PIN',
  'users.form.save': 'Guardar',
  'users.form.saving': 'Guardando…',
  'users.form.cancel': 'Cancelar',

  'users.confirm.deactivateTitle': '¿Desactivar a {name}?',
  'users.confirm.deactivateBody':
    'No va a poder ingresar en esta terminal, y en las demás de la tienda cuando sincronicen. Sus ventas y reparaciones conservan su nombre. Se puede reactivar cuando haga falta.',
  'users.confirm.reactivateTitle': '¿Reactivar a {name}?',
  'users.confirm.reactivateBody': 'Va a poder ingresar de nuevo con su PIN.',
  'users.confirm.back': 'Volver',

  'users.pin.resetTitle': 'Restablecer el PIN de {name}',
  'users.pin.resetHint': 'Dale el PIN nuevo en persona; después puede cambiarlo con «Cambiar mi PIN».',
  'users.pin.new': 'PIN nuevo (4 a 8 dígitos)',
  'users.pin.repeat': 'Repetir el PIN nuevo',
  'users.pin.current': 'PIN actual',

  'ownPin.open': 'Cambiar mi PIN',
  'ownPin.title': 'Cambiar mi PIN',
  'ownPin.done': 'Tu PIN cambió. Usalo la próxima vez que ingreses.',
  'ownPin.close': 'Cerrar',

  'users.refusal.chainAdmin': 'Los administradores de la cadena se crean y cambian en la central.',
  'users.refusal.adminsAtCentral':
    'Esta terminal es parte de una cadena: los administradores se crean y cambian en la central.',
  'users.refusal.outsideRole': 'Un encargado administra solo a los cajeros y técnicos de la tienda.',
  'users.refusal.self':
    'Otro administrador tiene que cambiar tu rol o desactivarte. Tu PIN lo cambiás con «Cambiar mi PIN».',
  'users.refusal.lastAdmin':
    'Es el último administrador activo de la tienda: no se puede desactivar ni dejar de ser administrador.',
  'users.refusal.nameTaken': 'Ya hay un usuario de la tienda con ese nombre.',
  'users.refusal.wrongPin': 'El PIN actual no es correcto.',
} satisfies Record<string, string>;

export type UsersMessageKey = keyof typeof usersEsAR;
