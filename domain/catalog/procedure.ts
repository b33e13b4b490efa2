import type { FormTemplate } from '../forms/form-template.js';

/** One way to submit a procedure, with its time and fee. */
export interface SubmissionMethod {
  /** "Trực tiếp" | "Trực tuyến" | "Dịch vụ bưu chính". */
  method: string;
  /** As written, e.g. "3 Ngày làm việc"; empty when unknown. */
  processingTime: string;
  /** As written, e.g. "10.000 Đồng" or "Miễn phí"; empty when unknown. */
  fee: string;
  note?: string;
  /** Parsed processing time: the number (e.g. 3, 0.5) when the portal gives one. */
  processingTimeValue?: number;
  /** Unit of `processingTimeValue`, e.g. "Ngày làm việc", "Ngày", "Giờ"; empty when the portal omits it. */
  processingTimeUnit?: string;
  /** Parsed fee in đồng: 0 when free, the first amount when several; absent when unknown. */
  feeAmount?: number;
}

export interface RequiredDocument {
  name: string;
  originals?: number;
  copies?: number;
  /** The case (trường hợp) or section this document belongs to, when the portal groups them. */
  group?: string;
}

/** One document of a procedure's legal basis (căn cứ pháp lý). */
export interface LegalDocument {
  /** Its number as issued, e.g. "123/2015/NĐ-CP", "66.7/2025/NQ-CP", "60/2014/QH13". */
  number: string;
  /** Date issued (YYYY-MM-DD) when the portal gives it. */
  date?: string;
  /** What it is, e.g. "Nghị định của Chính phủ quy định chi tiết … Luật Hộ tịch", "Luật Cư trú 2020". */
  title: string;
}

/**
 * An administrative procedure (thủ tục hành chính) as the kiosk shows it. Text is NFC. Produced
 * by `kiosk catalog import` from the National Public Service Portal data.
 */
export interface Procedure {
  /** Portal code, e.g. "1.004194". */
  code: string;
  name: string;
  /** Field (lĩnh vực), e.g. "Hộ tịch". */
  field: string;
  /** Levels: "xa" (commune), "tinh", "bo", ... */
  levels: string[];
  agency: string;
  /** Where to submit (address / counter); empty when not given. */
  where: string;
  steps: string[];
  methods: SubmissionMethod[];
  documents: RequiredDocument[];
  conditions: string;
  result: string;
  legalBasis: LegalDocument[];
  url: string;
}

/** The catalog file: versioned so fleet updates can be compared and rolled back. */
export interface CatalogFile {
  format: 'smart-kiosk-catalog';
  /** Monotonic version, e.g. "2026.11.25-1". */
  version: string;
  createdAt: string;
  /** Where it was built from, e.g. "portal_procedures.jsonl (level xa)". */
  source?: string;
  procedures: Procedure[];
  /** E-form templates delivered with the catalog; they replace shipped ones of a lower version. */
  forms?: FormTemplate[];
}
