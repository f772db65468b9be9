// Placeholder: replaced by the @noble-based shim (see issue 2, item 3).
export default {};
