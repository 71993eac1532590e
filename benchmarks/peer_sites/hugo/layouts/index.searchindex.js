{{- /* Every article: what a result shows, and one lower-cased text to match, its body included, as Hugo sites index for client-side search (ours also drops diacritics, and writes an inverted index: benchmarks/README.md). */ -}}
window.CHI_MUC = [
{{- range $i, $p := where site.RegularPages "Section" "posts" }}{{ if $i }},{{ end }}
{{ $text := delimit (slice $p.Title (delimit $p.Params.province " ") (delimit $p.Params.topic " ") (delimit $p.Params.authors " ") $p.Params.summary $p.Plain) " " | lower -}}
{{ dict "t" $p.Title "u" $p.RelPermalink "d" ($p.Date.Format "2006-01-02") "p" (delimit $p.Params.province "") "x" $text | jsonify }}
{{- end }}
];
