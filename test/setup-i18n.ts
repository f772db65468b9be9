// Unit tests run without a browser i18n API: install the English fallback, as the extension's entries do.
import '../src/i18n/english';
