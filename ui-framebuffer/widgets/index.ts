/** The kiosk widget toolkit; see docs/ui.md. */
export { button, buttonRow, drawBadge, fitsOneLine, type ButtonSpec, type ButtonVariant } from './button.js';
export { compactButton, compactButtonWidth, type CompactButtonSpec } from './compact-button.js';
export { drawIcon, type IconName } from './icons.js';
export { fieldAndKeys, OnScreenKeyboard, textField, type KeyboardOptions } from './keyboard.js';
export { columns, footerHints, header, splitTop, type Hint } from './layout.js';
export { ellipsize, ListView, type ListItem, type ListOptions } from './list.js';
export { modal, ModalHost, type ConfirmSpec, type ModalAction, type ModalSpec } from './modal.js';
export { progressBar, stepDots } from './progress.js';
export { qrCode, qrMatrix } from './qr.js';
export { PagedText, type TextBlock } from './paged-text.js';
export { Toast, type ToastKind } from './toast.js';
