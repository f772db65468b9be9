// Content script entry (placeholder).
export {};
