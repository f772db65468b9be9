/**
 * Tag for the in-page UI's stylesheets (`css` + template): the build minifies their text
 * (scripts/build-config.ts minifyCssTemplates: comments and layout whitespace go), so the script
 * every pypi.org page loads carries no indentation or notes (issue #16) and, once they are plain
 * template literals, not this function either; unbuilt (tests) it only joins the parts.
 */
export const css = (parts: TemplateStringsArray, ...values: string[]): string => String.raw(parts, ...values);
