/**
 * General Vietnamese administrative vocabulary for search, all keys and values diacritic-folded
 * (see normalize.ts). Nothing here names a procedure code: these are the words citizens use
 * and the official words the portal uses for the same things.
 */

/**
 * Official abbreviations: the portal writes them too ("sổ BHXH"), so both the catalog and the
 * query are expanded with them.
 */
export const ADMIN_ABBREVIATIONS: Readonly<Record<string, string>> = {
  gks: 'giay khai sinh',
  cccd: 'can cuoc cong dan',
  cmnd: 'chung minh nhan dan',
  cmt: 'chung minh nhan dan',
  bhxh: 'bao hiem xa hoi',
  bhyt: 'bao hiem y te',
  bhtn: 'bao hiem that nghiep',
  tnld: 'tai nan lao dong',
  bnn: 'benh nghe nghiep',
  gpxd: 'giay phep xay dung',
  gplx: 'giay phep lai xe',
  gcn: 'giay chung nhan',
  qsdd: 'quyen su dung dat',
  gcnqsdd: 'giay chung nhan quyen su dung dat',
  hkd: 'ho kinh doanh',
  dkkd: 'dang ky kinh doanh',
  mst: 'ma so thue',
  tncn: 'thu nhap ca nhan',
  ubnd: 'uy ban nhan dan',
  lltp: 'ly lich tu phap',
  nvqs: 'nghia vu quan su',
  htx: 'hop tac xa',
  nld: 'nguoi lao dong',
  sdld: 'su dung lao dong',
  dsphsk: 'duong suc phuc hoi suc khoe',
  tthc: 'thu tuc hanh chinh',
  cntt: 'cong nghe thong tin',
};

/** Abbreviations citizens type (chat style), expanded in queries only. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ...ADMIN_ABBREVIATIONS,
  ks: 'khai sinh',
  dkks: 'dang ky khai sinh',
  dkkh: 'dang ky ket hon',
  cc: 'can cuoc',
  dk: 'dang ky',
  dky: 'dang ky',
  hk: 'ho khau',
  shk: 'so ho khau',
  bn: 'bao nhieu',
  gxn: 'giay xac nhan',
  tthn: 'tinh trang hon nhan',
  xntthn: 'xac nhan tinh trang hon nhan',
  dn: 'doanh nghiep',
  ntn: 'nhu the nao',
  dc: 'duoc',
  ko: 'khong',
  k: 'khong',
  kg: 'khong',
  hok: 'khong',
  j: 'gi',
  mk: 'minh',
  mik: 'minh',
  ck: 'chong',
  vk: 'vo',
  bme: 'bo me',
  ng: 'nguoi',
  hs: 'ho so',
  tg: 'thoi gian',
  vs: 'voi',
  dt: 'dien thoai',
  tp: 'thanh pho',
  hcm: 'ho chi minh',
};

/**
 * Colloquial phrases → the official wording (added to the query with a lower weight). Keys are
 * matched as whole folded word sequences.
 */
export const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  // birth, death, marriage
  ['sinh con', 'khai sinh'],
  ['moi sinh', 'khai sinh'],
  ['lam giay khai sinh', 'dang ky khai sinh'],
  ['giay khai sinh', 'dang ky khai sinh'],
  ['qua doi', 'khai tu'],
  ['tu tran', 'khai tu'],
  ['chet', 'khai tu'],
  ['mat roi', 'khai tu'],
  ['nguoi mat', 'khai tu'],
  ['mai tang', 'tro cap mai tang'],
  ['tan nha', 'luu dong'],
  ['khong di duoc', 'luu dong'],
  ['chon cat', 'mai tang'],
  ['lay vo', 'ket hon'],
  ['lay chong', 'ket hon'],
  ['cuoi vo', 'ket hon'],
  ['cuoi chong', 'ket hon'],
  ['cuoi', 'ket hon'],
  ['ly di', 'ly hon'],
  ['doc than', 'xac nhan tinh trang hon nhan'],
  ['chua ket hon', 'xac nhan tinh trang hon nhan'],
  ['chua dang ky ket hon', 'xac nhan tinh trang hon nhan'],
  ['chua tung ket hon', 'xac nhan tinh trang hon nhan'],
  ['chua vo', 'tinh trang hon nhan'],
  ['chua chong', 'tinh trang hon nhan'],
  ['nhan con', 'nhan cha me con'],
  ['nhan cha', 'nhan cha me con'],
  ['con nuoi', 'nuoi con nuoi'],
  ['nhan nuoi', 'nuoi con nuoi'],
  ['mo coi', 'giam ho'],
  ['sai ten', 'cai chinh ho tich'],
  ['sai ngay sinh', 'dieu chinh thong tin'],
  ['doi ten', 'thay doi ho tich'],
  // residence
  ['o tro', 'tam tru'],
  ['thue tro', 'tam tru'],
  ['phong tro', 'tam tru'],
  ['di lam xa', 'tam vang'],
  ['vang nha', 'tam vang'],
  ['di xa', 'tam vang'],
  ['nhap khau', 'dang ky thuong tru'],
  ['nhap ho khau', 'dang ky thuong tru'],
  ['chuyen khau', 'thuong tru'],
  ['ra o rieng', 'tach ho'],
  ['tach khau', 'tach ho'],
  ['luu tru', 'thong bao luu tru'],
  ['nghi qua dem', 'luu tru'],
  // identity
  ['chung minh nhan dan', 'can cuoc'],
  ['dinh danh', 'dinh danh dien tu'],
  // land and building
  ['so do', 'giay chung nhan quyen su dung dat'],
  ['so hong', 'giay chung nhan quyen su dung dat quyen so huu nha'],
  ['lam so', 'cap giay chung nhan quyen su dung dat'],
  ['cap so', 'cap giay chung nhan'],
  ['sang ten', 'chuyen nhuong dang ky bien dong thua ke'],
  ['de lai', 'thua ke di san'],
  ['thua ke', 'di san'],
  ['xay nha', 'giay phep xay dung'],
  ['xay moi', 'giay phep xay dung'],
  ['xay them', 'giay phep xay dung dieu chinh'],
  ['sua nha', 'giay phep xay dung sua chua cai tao'],
  ['xin phep', 'cap giay phep'],
  ['nha cap 4', 'nha o rieng le'],
  ['nha cap bon', 'nha o rieng le'],
  // copies and signatures
  ['photo', 'ban sao'],
  ['cong chung', 'chung thuc'],
  ['sao y', 'chung thuc ban sao'],
  ['di chuc', 'chung thuc di chuc'],
  // business and tax
  ['mo quan', 'dang ky thanh lap ho kinh doanh'],
  ['mo cua hang', 'dang ky thanh lap ho kinh doanh'],
  ['mo tiem', 'dang ky thanh lap ho kinh doanh'],
  ['mo ho kinh doanh', 'thanh lap ho kinh doanh'],
  ['mo cong ty', 'thanh lap doanh nghiep'],
  ['buon ban', 'ho kinh doanh'],
  ['ban hang', 'ho kinh doanh'],
  ['tap hoa', 'ho kinh doanh'],
  ['ra giay', 'cap giay chung nhan dang ky'],
  ['nghi ban', 'cham dut hoat dong tam ngung kinh doanh'],
  ['nghi kinh doanh', 'cham dut hoat dong tam ngung kinh doanh'],
  ['dong cua', 'tam ngung kinh doanh'],
  ['cho thue nha', 'cho thue bat dong san'],
  ['nguoi phu thuoc', 'giam tru gia canh'],
  ['thue thu nhap', 'thu nhap ca nhan'],
  // insurance and social support
  ['so bao hiem', 'so bao hiem xa hoi'],
  ['the bao hiem', 'the bao hiem y te'],
  ['bao hiem y te', 'the bao hiem y te'],
  ['de con', 'thai san'],
  ['tien de', 'thai san'],
  ['tien thai san', 'che do thai san'],
  ['ho ngheo', 'ho ngheo ho can ngheo'],
  ['nha ngheo', 'ho ngheo'],
  ['nghien', 'cai nghien ma tuy'],
  ['cai nghien', 'cai nghien ma tuy'],
  ['luong huu', 'huong luong huu'],
  ['khuyet tat', 'tro cap xa hoi nguoi khuyet tat'],
  ['hoa giai', 'hoa giai o co so'],
  ['thien tai', 'phong chong thien tai'],
  ['gieng khoan', 'khai thac nuoc duoi dat'],
  ['nuoc gieng', 'nuoc duoi dat'],
  // re-issue, correction
  ['bi mat', 'cap lai'],
  ['lam lai', 'cap lai dang ky lai'],
  ['xin lai', 'cap lai'],
  ['bi rach', 'cap lai'],
  ['bi hong', 'cap lai'],
  ['that lac', 'cap lai'],
  ['sai', 'dieu chinh'],
  ['sua', 'dieu chinh'],
  ['doi', 'thay doi'],
  ['het han', 'gia han'],
];

/**
 * Words that carry no meaning for choosing a procedure: pronouns, particles, greetings and the
 * question words every query has ("how long", "how much", "where").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'toi minh em anh chi ban oi a ah ak ha nha nhe nhi vay va voi thi la ma co khong gi nao the nhu bao nhieu lau ' +
    'o dau can phai muon hoi duoc cho cua den ve nay do day kia roi se da sao cai nhung cac mot ai khi neu ' +
    'ca cung rat lam thoi ad ong ba bac chu di dieu viec phi tien ngay mat gom nop xin biet giup hay luon ' +
    'con ngoai sau truoc gio thang nam tuan lan nua them de nen vi het xong sap moi hom ay u uh tu ra vao ' +
    'len xuong qua luc cu nhieu it'
  ).split(' '),
);

/**
 * Question phrases whose words are content words elsewhere ("hồ sơ", "giấy tờ", "thủ tục": every
 * citizen asks for them; "sổ", "giấy", "hộ" alone matter). Dropped only as whole phrases.
 */
export const STOP_PHRASES: ReadonlyArray<string> = [
  'ho so',
  'giay to',
  'thu tuc',
  'le phi',
  'chuan bi',
  'mang theo',
  'vui long',
  'cam on',
  'hien nay',
  'tai dau',
];

/** Shorter words are not typo-corrected (too many neighbours). */
export const MIN_TYPO_LENGTH = 3;
