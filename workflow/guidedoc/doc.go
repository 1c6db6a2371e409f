// Package guidedoc turns a publication into documents: the sample code of
// its integration guide (功能清单), and the market detail page (订购页) as
// one model, Page, drawn as Markdown (the export) and as plain text (the
// CLI) here and for the terminal by tui/render.
//
// Both are text a person will paste or read, so both are built from
// sanitised input and escaped for the language they are written in: a name
// that is not a JavaScript identifier is quoted, a value in an AXML
// attribute is entity-escaped, a cell of a Markdown table cannot split the
// row. A draft may be saved while it is still invalid, so none of this
// assumes the guide passed validation.
package guidedoc
