import type { Procedure } from '../catalog/procedure.js';

/**
 * Which procedures the assistant offers to a citizen at a commune centre, and to whom each is
 * addressed. Read from the catalog's own fields (level, field, agency, name), never per code.
 */

/** Fields and agencies whose procedures are for traders and budget units, not for citizens. */
const NOT_FOR_CITIZENS = /(?<!\p{L})(hải quan|kho bạc)(?!\p{L})/iu;

/** Names addressed to organisations ("... đối với tổ chức", "doanh nghiệp", "hợp tác xã"). */
const ORGANISATION =
  /(?<!\p{L})(đối với|cho|của|là|dành cho)\s+(các\s+)?(tổ chức|doanh nghiệp|công ty|hợp tác xã|liên hiệp|đơn vị|nhà thầu|chi nhánh|văn phòng đại diện|tổ hợp tác|cơ sở sản xuất|nhà đầu tư)(?!\p{L})/iu;
/** Names addressed to people ("đối với hộ gia đình, cá nhân", "cho công dân"). */
const PEOPLE =
  /(?<!\p{L})(đối với|cho|của|là|dành cho)\s+(các\s+)?(cá nhân|hộ gia đình|công dân|hộ kinh doanh|người dân|trẻ em|người lao động)(?!\p{L})/iu;

/** Words in a question that mean the citizen asks for an organisation (folded). */
export const ORGANISATION_WORDS: ReadonlySet<string> = new Set([
  'to chuc',
  'doanh nghiep',
  'cong ty',
  'hop tac xa',
  'don vi',
  'co quan',
  'chi nhanh',
  'nha thau',
  'dn',
  'htx',
]);

export type Audience = 'people' | 'organisations' | 'both';

export interface ScopeFacts {
  /** Done at a commune centre (level "xa"). */
  commune: boolean;
  /** Offered to citizens at all (customs and treasury procedures are not). */
  forCitizens: boolean;
  audience: Audience;
}

export function audienceOf(name: string): Audience {
  const org = ORGANISATION.test(name);
  const people = PEOPLE.test(name);
  if (org && !people) return 'organisations';
  if (people && !org) return 'people';
  return 'both';
}

export function scopeOf(p: Procedure, communeLevel = 'xa'): ScopeFacts {
  return {
    commune: p.levels.includes(communeLevel),
    forCitizens: !NOT_FOR_CITIZENS.test(p.field) && !NOT_FOR_CITIZENS.test(p.agency),
    audience: audienceOf(p.name),
  };
}

/** Whether folded question words name an organisation. */
export function asksForOrganisation(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (ORGANISATION_WORDS.has(words[i] ?? '')) return true;
    if (ORGANISATION_WORDS.has(`${words[i]} ${words[i + 1] ?? ''}`)) return true;
    if (ORGANISATION_WORDS.has(`${words[i]} ${words[i + 1] ?? ''} ${words[i + 2] ?? ''}`)) return true;
  }
  return false;
}
