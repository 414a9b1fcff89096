{{- define "app.name" -}}{{ .Values.md_metadata.name_prefix | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "app.labels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/managed-by: patchbay
{{- range $k, $v := .Values.md_metadata.default_tags }}
{{ printf "patchbay.dev/%s" ($k | lower | replace "_" "-") }}: {{ $v | quote }}
{{- end }}
{{- end -}}
