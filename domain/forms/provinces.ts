import { foldText } from '../search/normalize.js';
import { CCCD_PROVINCE_CODES } from '../identity/province-codes.js';

/**
 * The 34 provinces and cities since 1 July 2025 (Nghị quyết 202/2025/QH15), each with the
 * provinces merged into it, so an address written before the merger (as on older ID cards) is
 * still recognised.
 */
export const PROVINCES: readonly { name: string; merged: readonly string[] }[] = [
  { name: 'Hà Nội', merged: [] },
  { name: 'Huế', merged: ['Thừa Thiên Huế'] },
  { name: 'Lai Châu', merged: [] },
  { name: 'Điện Biên', merged: [] },
  { name: 'Sơn La', merged: [] },
  { name: 'Lạng Sơn', merged: [] },
  { name: 'Quảng Ninh', merged: [] },
  { name: 'Thanh Hóa', merged: [] },
  { name: 'Nghệ An', merged: [] },
  { name: 'Hà Tĩnh', merged: [] },
  { name: 'Cao Bằng', merged: [] },
  { name: 'Tuyên Quang', merged: ['Hà Giang'] },
  { name: 'Lào Cai', merged: ['Yên Bái'] },
  { name: 'Thái Nguyên', merged: ['Bắc Kạn'] },
  { name: 'Phú Thọ', merged: ['Vĩnh Phúc', 'Hòa Bình'] },
  { name: 'Bắc Ninh', merged: ['Bắc Giang'] },
  { name: 'Hưng Yên', merged: ['Thái Bình'] },
  { name: 'Hải Phòng', merged: ['Hải Dương'] },
  { name: 'Ninh Bình', merged: ['Hà Nam', 'Nam Định'] },
  { name: 'Quảng Trị', merged: ['Quảng Bình'] },
  { name: 'Đà Nẵng', merged: ['Quảng Nam'] },
  { name: 'Quảng Ngãi', merged: ['Kon Tum'] },
  { name: 'Gia Lai', merged: ['Bình Định'] },
  { name: 'Khánh Hòa', merged: ['Ninh Thuận'] },
  { name: 'Lâm Đồng', merged: ['Đắk Nông', 'Bình Thuận'] },
  { name: 'Đắk Lắk', merged: ['Phú Yên'] },
  { name: 'Hồ Chí Minh', merged: ['Bình Dương', 'Bà Rịa - Vũng Tàu'] },
  { name: 'Đồng Nai', merged: ['Bình Phước'] },
  { name: 'Tây Ninh', merged: ['Long An'] },
  { name: 'Cần Thơ', merged: ['Sóc Trăng', 'Hậu Giang'] },
  { name: 'Vĩnh Long', merged: ['Bến Tre', 'Trà Vinh'] },
  { name: 'Đồng Tháp', merged: ['Tiền Giang'] },
  { name: 'Cà Mau', merged: ['Bạc Liêu'] },
  { name: 'An Giang', merged: ['Kiên Giang'] },
];

const PREFIX = /^(tinh|thanh pho|tp)\s+/;
const fold = (name: string) => foldText(name).replace(PREFIX, '');
const KNOWN = new Map<string, string>();
for (const p of PROVINCES) for (const n of [p.name, ...p.merged]) KNOWN.set(fold(n), p.name);
for (const n of Object.values(CCCD_PROVINCE_CODES)) KNOWN.set(fold(n), KNOWN.get(fold(n)) ?? n);
KNOWN.set('ho chi minh', 'Hồ Chí Minh');
KNOWN.set('hcm', 'Hồ Chí Minh');
KNOWN.set('ba ria vung tau', 'Hồ Chí Minh');

/**
 * The current province an address ends with ("..., Tỉnh Nam Định" → "Ninh Bình"), with or without
 * diacritics and "Tỉnh"/"Thành phố"; undefined when its last part names no province.
 */
export function provinceOf(address: string): string | undefined {
  const parts = address
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const last = parts.at(-1);
  return last === undefined ? undefined : KNOWN.get(fold(last));
}
