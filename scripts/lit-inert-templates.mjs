// For the Firefox add-on linter, which flags every `innerHTML =` of a non-literal (Lit prepares
// each template with `template.innerHTML = <the template's static strings>`): this build step
// makes Lit parse those strings with DOMParser instead, an inert parser (nothing runs, nothing
// loads), into a <template> so that table rows and the like parse as they would in one. The
// strings are the same: our own html`` literals, never data; only the parsing call changes.
const PATTERN =
  /static createElement\((\w+),\w+\)\{const (\w+)=(\w+)\.createElement\("template"\);return \2\.innerHTML=\1,\2\}/;

export function litInertTemplates() {
  return {
    name: 'sendkit-lit-inert-templates',
    transform(code, id) {
      if (!/node_modules\/lit-html\/lit-html\.js$/.test(id)) return null;
      if (!PATTERN.test(code)) {
        throw new Error("lit-html's template preparation changed: update lit-inert-templates");
      }
      return code.replace(
        PATTERN,
        (_, html) =>
          `static createElement(${html}){return new DOMParser().parseFromString("<template>"+${html}+"</template>","text/html").querySelector("template")}`,
      );
    },
  };
}
