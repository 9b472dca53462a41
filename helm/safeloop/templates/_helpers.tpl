{{/* Chart name, truncated to the 63-char DNS label limit. */}}
{{- define "safeloop.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped base name: <release>-safeloop unless the release name already contains it. */}}
{{- define "safeloop.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects. Call with (dict "root" $ "name" "risk"). */}}
{{- define "safeloop.componentName" -}}
{{- printf "%s-%s" (include "safeloop.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "safeloop.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "safeloop.labels" -}}
helm.sh/chart: {{ include "safeloop.chart" . }}
app.kubernetes.io/part-of: safeloop
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- end -}}

{{/* Selector labels of one service. Call with (dict "root" $ "name" "risk"). */}}
{{- define "safeloop.selectorLabels" -}}
app.kubernetes.io/name: {{ include "safeloop.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "safeloop.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "safeloop.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Image reference of one service. Call with (dict "root" $ "svc" $svc). */}}
{{- define "safeloop.image" -}}
{{- $tag := .svc.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.repository) .svc.image $tag -}}
{{- end -}}

{{/* Where the JWT verify key is mounted. */}}
{{- define "safeloop.jwtDir" -}}/etc/safeloop/jwt{{- end -}}
{{/* Where a token-signing service (personnel) finds the Ed25519 secret key; only it mounts that Secret. */}}
{{- define "safeloop.jwtSigningDir" -}}/etc/safeloop/jwt-signing{{- end -}}
