{#- One file of the search index (digest/search.py), written as it is given. -#}
{{ script | safe }}
