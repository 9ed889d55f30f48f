#!/usr/bin/env python3
"""Writes bad-requests.jsonl: the hostile-request corpus that BadInputCorpusTests replays (proof 3 of issue 5).

Run it after changing the cases below: python3 tests/corpus/generate.py
Each line: {"name", "method", "path", "headers"?, "auth", "body"? | "bodyBase64"?, "expect", "errors"?, "graphQLErrors"?,
            "totalCount"?}
  auth    the least-privileged caller that reaches the handler (caller() below): "none" (no key), "poc" (a PoC of GE,
          the member every write targets), "cso", "irm", or "admin" (members and API keys only an admin manages).
  expect  the exact status. A GET with a hostile q is a search that must simply work: 200 with its exact totalCount.
  errors  the exact field names of a problem document's "errors"; graphQLErrors the exact error codes of a GraphQL answer.
The case below may state a status class ("4xx", "200|4xx") while writing it; the exact answer of every row is in
expected.json, where each was read and checked by hand against the README's rules (change it by hand with the rule).
generate.py fails when a row has no exact answer there, or when that answer contradicts the status class stated here.
  {plan} {commitment} {milestone} in paths and bodies are the ids the test sets up; {{1MB}} and {{10KB}} in a body
  {{100KB}} become that many characters (the file stays small), {{1MB-ka}} a megabyte of Georgian. A body over the
  1 MiB limit expects 413. "errors": a GraphQL answer (200 or 4xx) whose errors name the refusal, as GraphQL-over-HTTP
  answers a field that refuses its arguments.
"""
import base64
import json
import os
from urllib.parse import quote

cases = []


def caller(method, path):
    """The least-privileged caller whose request reaches the handler's validation."""
    if method == "GET" and not path.startswith("/api/audit") or path.startswith("/graphql"): return "none"
    if path.startswith("/api/members") or path.startswith("/api/api-keys") or path.startswith("/api/audit"): return "admin"
    if path.startswith("/api/webhooks") or path.endswith("/assessments/cso"): return "cso"
    if path.endswith("/assessments/irm"): return "irm"
    # the arranged {comment} is the admin's: only its author edits it, and only an admin hides or restores a comment
    if "/comments/" in path and (method == "PATCH" or path.endswith("/hide") or path.endswith("/restore")): return "admin"
    return "poc"


def case(name, method, path, body=None, expect="4xx", headers=None, auth=None, raw=None):
    entry = {"name": name, "method": method, "path": path}
    if headers: entry["headers"] = headers
    entry["auth"] = auth or caller(method, path)
    if raw is not None: entry["bodyBase64"] = base64.b64encode(raw).decode()
    elif body is not None: entry["body"] = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    entry["expect"] = expect
    cases.append(entry)


C = "/api/commitments/{commitment}"
M = C + "/milestones/{milestone}"
text = {"ka": "ტექსტი", "en": "Text"}
# A valid body for every write; the cases below break one thing at a time.
writes = {
    "member": ("POST", "/api/members", {"code": "TV", "kind": "National", "name": {"en": "Tuvalu"}, "region": "Oceania", "defaultLanguage": "en"}),
    "plan": ("POST", "/api/action-plans", {"memberCode": "GE", "title": text, "period": {"start": "2026-01-01", "end": "2027-12-31"}}),
    "plan status": ("POST", "/api/action-plans/{plan}/status", {"status": "CoCreation", "reason": "Forum convened"}),
    "commitment": ("POST", "/api/action-plans/{plan}/commitments", {"title": text, "leadInstitution": {"name": "Ministry", "kind": "Government"},
                                                                    "policyAreas": ["AntiCorruption"], "ogpValues": ["CivicParticipation"]}),
    "revise": ("PATCH", C, {"objective": {"en": "Open data"}}),
    "milestone": ("POST", C + "/milestones", {"title": {"ka": "ანგარიში"}, "start": "2024-03-01", "due": "2024-12-31"}),
    "progress": ("POST", M + "/progress", {"percent": 60, "note": "Two regions", "evidence": [{"url": "https://example.org/r.pdf", "title": "Report"}]}),
    "reschedule": ("POST", M + "/reschedule", {"due": "2025-06-30", "reason": "Procurement delayed"}),
    "completion": ("POST", C + "/completion", {"completion": "Substantial", "reason": "Portal live"}),
    "withdraw": ("POST", C + "/withdraw", {"reason": "Merged"}),
    "irm": ("POST", C + "/assessments/irm", {"design": {"verifiable": True, "openGovernmentLens": True, "potentialForResults": "Modest", "promising": False}}),
    "cso": ("POST", C + "/assessments/cso", {"completion": "Limited", "comment": "One region only"}),
    "api key": ("POST", "/api/api-keys", {"name": "Monitor", "role": "cso", "organisation": "Civil Society Institute"}),
}


def with_(body, **changes):
    b = json.loads(json.dumps(body))
    for k, v in changes.items():
        b[k] = v
    return b


# --- malformed and truncated JSON, on every write ---------------------------------------------------------------
malformed = {
    "empty body": "", "open brace": "{", "unterminated string": '{"reason": "abc', "trailing comma": '{"reason": "x",}',
    "single quotes": "{'reason': 'x'}", "bare word": "nul", "two documents": "{} {}", "comment": '{/* hi */ "reason": "x"}',
    "json null": "null", "json array": "[]", "json string": '"text"', "json number": "42", "nan": '{"percent": NaN}',
    "deep nesting": "[" * 5000 + "]" * 5000, "unescaped control char": '{"reason": "a\tb\nc"}'.replace("\\t", "\t"),
}
for target, (method, path, body) in writes.items():
    whole = json.dumps(body, ensure_ascii=False)
    case(f"{target}: truncated JSON", method, path, whole[: len(whole) // 2])
    case(f"{target}: unknown field", method, path, with_(body, colour="red"), expect=400)
    case(f"{target}: text/plain content type", method, path, whole, headers={"Content-Type": "text/plain"}, expect=415)
    case(f"{target}: no key", method, path, body, auth="none", expect=401)
    case(f"{target}: unknown key", method, path, body, auth="none", headers={"X-Api-Key": "not-a-key-' OR 1=1 --"}, expect=401)
    # invalid UTF-8 inside a string value: a lone continuation byte, an overlong '/', a UTF-16 surrogate
    for label, bad in [("lone continuation byte", b"\x80"), ("overlong encoding", b"\xc0\xaf"), ("encoded surrogate", b"\xed\xa0\x80")]:
        raw = whole.encode()
        at = raw.index(b': "') + 3  # inside the first string value
        case(f"{target}: invalid UTF-8 ({label})", method, path, raw=raw[:at] + bad + raw[at:])
for label, body in malformed.items():
    method, path, _ = writes["progress"]
    case(f"malformed JSON: {label}", method, path, body, expect=400)
    case(f"malformed JSON on member: {label}", "POST", "/api/members", body, expect=400)

# --- wrong types and unknown enum values --------------------------------------------------------------------------
m, p, b = writes["member"]
for field, value in [("code", 7), ("kind", "Global"), ("kind", 1), ("name", "Georgia"), ("name", ["en", "x"]), ("region", {"x": 1}),
                     ("defaultLanguage", "english please"), ("kind", "national OR 1=1"), ("code", "ГЕ"), ("code", "G\u202eE"),
                     ("code", "GE-TBS"), ("name", {"not a tag!": "x"}), ("name", {"en": ""}), ("name", {})]:
    case(f"member: {field} = {json.dumps(value, ensure_ascii=False)}", m, p, with_(b, **{field: value}), expect=400)
m, p, b = writes["plan"]
for field, value in [("period", {"start": "2027-12-31", "end": "2026-01-01"}), ("period", {"start": "2026-01-01", "end": "2026-01-01"}),
                     ("period", {"start": "2026-02-30", "end": "2027-12-31"}), ("period", {"start": "01/01/2026", "end": "2027-12-31"}),
                     ("period", {"start": "٢٠٢٦-٠١-٠١", "end": "2027-12-31"}), ("period", "2026..2027"), ("sequence", -1), ("sequence", "five"),
                     ("sequence", 1e20), ("memberCode", "XX"), ("memberCode", None), ("title", None), ("defaultLanguage", "\u202eka")]:
    case(f"plan: {field} = {json.dumps(value, ensure_ascii=False)}", m, p, with_(b, **{field: value}), expect="4xx")
m, p, b = writes["plan status"]
for value in ["Finished", "Ended OR 1=1", "ResultsAssessed", "", None, 3, "coCreation\u0000"]:
    case(f"plan status: status = {json.dumps(value)}", m, p, with_(b, status=value), expect="4xx")
case("plan status: reason missing", m, p, {"status": "CoCreation"}, expect=400)
m, p, b = writes["commitment"]
for field, value in [("policyAreas", ["Sports"]), ("policyAreas", "AntiCorruption"), ("policyAreas", []), ("ogpValues", ["Transparency!"]),
                     ("leadInstitution", {"name": "X", "kind": "Alien"}), ("leadInstitution", "Ministry"), ("subnational", "yes"),
                     ("id", "GE66"), ("id", "AM0001"), ("id", "GE0001' OR '1'='1"), ("title", {"en": "no default language"}),
                     ("title", {"ka": "{{1MB-ka}}"}), ("description", {"en": "{{1MB}}"}), ("supportingInstitutions", [{"kind": "Cso"}])]:
    case(f"commitment: {field} = {json.dumps(value, ensure_ascii=False)[:60]}", m, p, with_(b, **{field: value}), expect="4xx")
m, p, b = writes["milestone"]
for field, value in [("start", "2025-01-01"), ("due", "2023-12-31"), ("start", "2024-13-01"), ("due", 20241231), ("weight", -1),
                     ("weight", "heavy"), ("title", {"ka": "\u0000"}), ("title", {"ka": "ანგარიში\u0000; DROP TABLE mt_events"}),
                     ("responsibleInstitution", "{{1MB}}"), ("deliverable", {"en": "{{1MB}}"})]:
    case(f"milestone: {field} = {json.dumps(value, ensure_ascii=False)[:60]}", m, p, with_(b, **{field: value}), expect="4xx")
case("milestone: start after due", m, p, with_(b, start="2024-12-31", due="2024-03-01"), expect=400)
m, p, b = writes["progress"]
for value in [-1, 101, 1000000, -2147483649, 50.5, "50", None, True, "fifty", "٥٠"]:
    case(f"progress: percent = {json.dumps(value, ensure_ascii=False)}", m, p, with_(b, percent=value), expect=400)
for field, value in [("status", "Done"), ("status", "Met"), ("note", "{{1MB}}"), ("note", "a\u0000b"), ("evidence", [{"url": "javascript:alert(1)"}]),
                     ("evidence", [{"url": "not a url", "title": "x"}]), ("evidence", "https://example.org"), ("evidence", [{"url": "https://example.org/{{10KB}}"}]),
                     ("evidence", [{"url": "https://example.org", "title": "{{1MB}}"}])]:
    case(f"progress: {field} = {json.dumps(value, ensure_ascii=False)[:60]}", m, p, with_(b, **{field: value}), expect="4xx")
for field, value in [("note", "{{100KB}}"), ("evidence", [{"url": "https://example.org/r.pdf", "title": "{{100KB}}"}])]:
    case(f"progress: {field} of 100 KB", m, p, with_(b, **{field: value}), expect=400)
m, p, b = writes["reschedule"]
for change in [{"start": "2025-07-01", "due": "2025-06-30"}, {"due": "2023-01-01"}, {"due": "not-a-date"}, {"due": None}, {"reason": None},
               {"reason": "   "}, {"reason": "{{1MB}}"}, {"reason": "a\u0000b"}, {"due": "2025-06-31"}]:
    case(f"reschedule: {json.dumps(change, ensure_ascii=False)[:60]}", m, p, with_(b, **change), expect="4xx")
m, p, b = writes["completion"]
for change in [{"completion": "Done"}, {"completion": "Withdrawn"}, {"completion": "NotStarted"}, {"completion": None}, {"reason": None},
               {"completion": "Complete", "reason": "\u0000"}, {"completion": "Complete", "reason": "{{1MB}}"},
               {"completion": "Complete", "evidence": [{"url": "ftp://x"}]}, {"completion": ["Complete"]}]:
    case(f"completion: {json.dumps(change, ensure_ascii=False)[:60]}", m, p, with_(b, **change), expect="4xx")
m, p, b = writes["withdraw"]
for change in [{"reason": None}, {"reason": ""}, {"reason": "{{1MB}}"}, {"reason": 5}, {"reason": "x\u0000"}]:
    case(f"withdraw: {json.dumps(change, ensure_ascii=False)[:60]}", m, p, with_(b, **change), expect="4xx")
m, p, b = writes["irm"]
for body in [{}, {"design": {"potentialForResults": "Huge"}}, {"results": {"completion": "Done"}}, {"results": {"didItOpenGovernment": "Somewhat"}},
             {"design": "yes"}, {"design": {"verifiable": "true"}}, {"design": {"comment": "{{1MB}}"}}, {"results": {"comment": "a\u0000"}}]:
    case(f"irm: {json.dumps(body)[:60]}", m, p, body, expect="4xx")
m, p, b = writes["cso"]
for change in [{"completion": "Done"}, {"completion": None}, {"comment": None}, {"comment": "{{1MB}}"}, {"comment": "\u0000"}, {"evidence": [{}]}]:
    case(f"cso: {json.dumps(change)[:60]}", m, p, with_(b, **change), expect="4xx")
m, p, b = writes["api key"]
for change in [{"role": "superuser"}, {"role": "POC"}, {"role": 1}, {"role": "poc"}, {"role": "poc", "members": ["XX"]}, {"role": "cso", "members": ["GE"]},
               {"name": "{{1MB}}"}, {"organisation": None}, {"members": "GE"}, {"name": "\u0000"}]:
    case(f"api key: {json.dumps(change)[:60]}", m, p, with_(b, **change), expect="4xx")

# --- ids in the path: unknown, hostile, mixed-script, RTL ---------------------------------------------------------
for bad in ["GE9999", "ГЕ0001", "GE0001\u202e", "' OR 1=1 --", "..%2F..%2Fetc%2Fpasswd", "GE0001%27%3B", "x" * 300]:
    path = quote(bad, safe="%")
    case(f"unknown commitment id {bad[:20]!r}", "POST", f"/api/commitments/{path}/completion", writes["completion"][2], expect="4xx")
    case(f"read unknown commitment id {bad[:20]!r}", "GET", f"/api/commitments/{path}", expect="4xx")
case("unknown milestone", "POST", C + "/milestones/GE0001-M999/progress", writes["progress"][2], expect=404)
case("unknown plan", "POST", "/api/action-plans/GE-AP999/commitments", writes["commitment"][2], expect=404)
case("revoke unknown key", "DELETE", "/api/api-keys/000000000000", expect=404)
case("revoke key by SQL", "DELETE", "/api/api-keys/" + quote("' OR ''='"), expect=404)
case("If-Match garbage", "POST", C + "/completion", writes["completion"][2], headers={"If-Match": "\"abc\""}, expect=400)
case("If-Match negative", "POST", C + "/completion", writes["completion"][2], headers={"If-Match": "\"-1\""}, expect=400)
case("If-Match stale", "POST", C + "/completion", writes["completion"][2], headers={"If-Match": "\"999\""}, expect=409)

# --- wrong methods ------------------------------------------------------------------------------------------------
for method, path in [("PUT", "/api/members"), ("DELETE", "/api/members/GE"), ("PUT", "/api/members/GE"), ("PUT", C),
                     ("DELETE", C), ("GET", C + "/withdraw"), ("PUT", "/api/api-keys"), ("DELETE", "/graphql")]:
    case(f"wrong method {method} {path}", method, path, expect=405, auth="none")  # routing refuses it before any caller matters

# --- reads: hostile q, LIKE wildcards, paging, bad query values ---------------------------------------------------
case("search q that matches (the control: the rows below count 0 because they match nothing, not because search is broken)",
     "GET", "/api/commitments?q=" + quote("მონიტორინგ"), expect=200)
for q in ["' OR 1=1 --", "'; DROP TABLE mt_events; --", "%", "_", "%%%", "%_%", "\\", "\\%", "[a-z]", "*", "' UNION SELECT * FROM pg_user --",
          "\") or (\"1\"=\"1", "$where: 1", "ⓐⓑⓒ", "ს' OR 'ა'='ა", "مرحبا", "\u202eabc", "a\u200bb", "🇬🇪", "Ünïcödé", "a" * 200]:
    case(f"search q={q[:30]!r}", "GET", "/api/commitments?q=" + quote(q), expect=200)
for query in ["q=" + "a" * 201, "q=a%00b", "q={{10KB}}", "pageSize=1000000", "pageSize=201", "pageSize=0", "pageSize=-1", "page=0", "page=-5",
              "page=99999999999", "pageSize=abc", "page=1e3", "sort=password", "sort=" + quote("id; DROP TABLE x"), "policyArea=Sports",
              "policyArea=" + quote("' OR 1=1"), "overdue=maybe", "completion=Done", "irmCompletion=42", "ogpValue=" + quote("%")]:
    case(f"list commitments ?{query[:40]}", "GET", "/api/commitments?" + query, expect=400)
for query in ["asOf=2024-13-45", "asOf=yesterday", "asOf=" + quote("٢٠٢٤-٠١-٠١"), "asOf=" + quote("2024-01-01' OR '1'='1")]:
    case(f"commitment ?{query}", "GET", C + "?" + query, expect=400)
for path in ["/api/members?kind=5", "/api/action-plans?status=7", "/api/members?pageSize=100000", "/api/members?kind=Global", "/api/action-plans?status=Finished", "/api/action-plans?pageSize=-1",
             "/api/commitments/stats?groupBy=Everything", "/api/commitments/stats?groupBy=" + quote("Member; --")]:
    case(f"list {path}", "GET", path, expect=400)

# --- webhooks, import, change feed, audit ------------------------------------------------------------------------
for body in [{}, {"url": "javascript:alert(1)"}, {"url": "ftp://example.org/x"}, {"url": "not a url"}, {"url": "https://example.org/{{10KB}}"},
             {"url": "https://example.org/h", "eventTypes": ["no_such_event"]}, {"url": "https://example.org/h", "member": "XX"},
             {"url": "https://example.org/h", "commitment": "GE9999"}, {"url": "https://example.org/h", "colour": "red"},
             {"url": "https://example.org/h\u0000"}, {"url": 42}]:
    case(f"webhook: {json.dumps(body, ensure_ascii=False)[:60]}", "POST", "/api/webhooks", body, expect="4xx")
case("webhook: not a guid", "PUT", "/api/webhooks/not-a-guid", {"url": "https://example.org/h"}, expect="4xx")
case("webhook: unknown", "DELETE", "/api/webhooks/00000000-0000-0000-0000-000000000000", expect=404)
I = "/api/action-plans/{plan}/import"
for label, body, ctype in [("csv without header", "", "text/csv"), ("csv with unknown policy area", "Commitment Unique Identifier,Title,Policy Areas\nA,x,Sports\n", "text/csv"),
                           ("csv with an unterminated quote", 'Commitment Unique Identifier,Title\nA,"open\n', "text/csv"),
                           ("json with wrong types", '{"commitments": 5}', "application/json"), ("xml", "<plan/>", "application/xml"),
                           ("csv with a NUL", "Commitment Unique Identifier,Title\nA,a\u0000b\n", "text/csv")]:
    case(f"import: {label}", "POST", I, body, headers={"Content-Type": ctype}, expect="4xx")
for query in ["after=-1", "after=abc", "limit=0", "limit=100000000", "after=99999999999999999999", "member=" + quote("' OR 1=1"), "limit=10%00"]:
    case(f"change feed ?{query}", "GET", "/api/changes?" + query, expect="200|4xx")
for query in ["from=yesterday", "to=2024-13-01", "actor=%00", "limit=100000", "limit=0", "after=-1", "from=2025-01-01&to=2024-01-01"]:
    case(f"audit ?{query}", "GET", "/api/audit?" + query, expect="4xx")

# --- GraphQL: syntax, depth, cycles, complexity, variables, transport ---------------------------------------------
G = "/graphql"
def gql(name, query, variables=None, expect="4xx", method="POST", headers=None):
    if method == "GET":
        path = G + "?query=" + quote(query) + ("&variables=" + quote(json.dumps(variables)) if variables is not None else "")
        case(f"graphql GET: {name}", "GET", path, expect=expect, headers=headers)
    else:
        body = {"query": query}
        if variables is not None: body["variables"] = variables
        case(f"graphql: {name}", "POST", G, body, expect=expect, headers=headers)

deep = "{ actionPlans(first: 1) { edges { node { commitments { " + "milestones(first: 1) { edges { node { id } } } " + "} } } } }"
nest = "{ members { code " + "".join("x%d: __typename " % i for i in range(3)) + "} }"
gql("syntax error", "{ members { code ")
gql("unknown field", "{ members { colour } }", expect=400)
gql("unknown argument", "{ members(colour: RED) { code } }", expect=400)
gql("wrong argument type", "{ commitments(first: \"ten\") { totalCount } }", expect=400)
gql("huge first", "{ commitments(first: 100000) { totalCount } }", expect="errors")
gql("negative first", "{ commitments(first: -1) { totalCount } }", expect="errors")
gql("unknown enum value", "{ commitmentStats(groupBy: Everything) { key } }", expect=400)
gql("mutation on a schema without mutations", "mutation { withdraw(id: \"GE0001\") }", expect=400)
gql("deep introspection", "{ __schema { types { fields { type { " + "ofType { " * 10 + "name" + " }" * 15)
gql("fragment cycle", "query { members { ...A } } fragment A on Member { code ...B } fragment B on Member { name ...A }", expect=400)
gql("self-referencing fragment", "query { members { ...A } } fragment A on Member { ...A }", expect=400)
gql("undefined fragment", "query { members { ...Nope } }", expect=400)
gql("unused fragment", "query { members { code } } fragment U on Member { code }", expect=400)
gql("duplicate operation names", "query A { members { code } } query A { members { code } }", expect=400)
gql("several operations, no name", "query A { members { code } } query B { members { code } }", expect=400)
gql("alias bomb", "{ " + " ".join(f"a{i}: commitments(first: 200) {{ edges {{ node {{ milestones(first: 200) {{ edges {{ node {{ id }} }} }} }} }} }}" for i in range(60)) + " }")
gql("depth 30", "{ __schema { types { fields { type { " + "ofType { " * 26 + "name" + " }" * 31)
gql("variable of the wrong type", "query($n: Int) { commitments(first: $n) { totalCount } }", {"n": "ten"}, expect=400)
gql("undeclared variable", "{ commitments(first: $n) { totalCount } }", {"n": 1}, expect=400)
gql("oversized variable", "query($q: String) { commitments(first: 1, filter: { q: $q }) { totalCount } }", {"q": "{{1MB}}"})
gql("oversized variables object", "query { members { code } }", {f"v{i}": "{{10KB}}" for i in range(120)})
gql("variables not an object", "query { members { code } }", [1, 2, 3])
gql("null byte in q", "query($q: String) { commitments(first: 1, filter: { q: $q }) { totalCount } }", {"q": "a\u0000b"}, expect="errors")
gql("null byte in member filter", "{ commitments(first: 1, filter: { member: \"G\\u0000E\" }) { totalCount } }", expect="errors")
gql("over-long q", "{ commitments(first: 1, filter: { q: \"{{10KB}}\" }) { totalCount } }", expect="errors")
gql("invalid date", "{ commitment(id: \"GE0001\", asOf: \"2024-13-45\") { id } }", expect="4xx|errors")
case("graphql: query is a number", "POST", G, {"query": 42}, expect=400)
case("graphql: empty body", "POST", G, "", expect=400)
case("graphql: truncated body", "POST", G, '{"query": "{ members { co', expect=400)
case("graphql: text/plain", "POST", G, {"query": "{ members { code } }"}, headers={"Content-Type": "text/plain"}, expect=400)
case("graphql: form-encoded", "POST", G, "query=%7B+members+%7B+code+%7D+%7D", headers={"Content-Type": "application/x-www-form-urlencoded"}, expect=400)
case("graphql: invalid UTF-8", "POST", G, raw=b'{"query": "{ members { code \xff\xfe } }"}', expect=400)
gql("mutation over GET", "mutation { x }", method="GET", expect="4xx")
case("graphql GET: variables not JSON", "GET", G + "?query=" + quote("{ members { code } }") + "&variables=" + quote("{nope"), expect=400)
case("graphql GET: no query", "GET", G, expect=400)

# --- contract (issue 20): paging overflow, unknown query parameters, numeric query enums, empty body, 415 ----------
for lst in ["/api/members", "/api/action-plans", "/api/commitments"]:
    case(f"contract: {lst} page offset overflow", "GET", lst + "?page=1000000000&pageSize=200", expect=400)
    case(f"contract: {lst} unknown query parameter", "GET", lst + "?colour=red", expect=400)
case("contract: GraphQL cursor past any offset", "POST", G, {"query": '{ commitments(first: 200, after: "bzoyMTQ3NDgzNjQ3") { totalCount } }'}, expect="errors")
case("contract: GraphQL plans cursor past any offset", "POST", G, {"query": '{ actionPlans(first: 200, after: "bzoyMTQ3NDgzNjQ3") { totalCount } }'}, expect="errors")
for path in ["/api/members?kind=1", "/api/action-plans?status=1", "/api/commitments?completion=2", "/api/commitments?irmCompletion=0", "/api/commitments/stats?groupBy=0"]:
    case(f"contract: numeric query enum {path}", "GET", path, expect=400)
case("contract: unknown query parameter on a single read", "GET", C + "?expand=all", expect=400)
case("contract: unknown query parameter on a write", "POST", C + "/withdraw?force=true", writes["withdraw"][2], expect=400)
case("contract: no body at all", "POST", "/api/members", expect=400)
case("contract: empty JSON body on a milestone", "POST", C + "/milestones", "", expect=400)
case("contract: XML body", "POST", "/api/members", "<member/>", headers={"Content-Type": "application/xml"}, expect=415)
case("contract: form body", "POST", C + "/completion", "completion=Complete", headers={"Content-Type": "application/x-www-form-urlencoded"}, expect=415)
# --- dialogue (issue 16): comments, responses to assessments, CSO views of milestones ------------------------------
# The test arranges {comment} (the admin's, so the admin may edit it), {reply} (a reply to it) and a CSO assessment
# filed by the admin key (organisation "OGP Support Unit"). fields: the problem's errors must name exactly these
# (expected.json must agree).
D = C + "/comments"
R = C + "/assessments/cso/OGP%20Support%20Unit/responses"
MA = M + "/assessments/cso"
answer = {"stance": "Disputed", "text": {"ka": "პორტალი მუშაობს", "en": "The portal is live."}}
dialogue_writes = {
    "comment": ("POST", D, {"text": "When is the report due?"}),
    "comment edit": ("PATCH", D + "/{comment}", {"text": "When is the final report due?"}),
    "comment hide": ("POST", D + "/{comment}/hide", {"reason": "Off topic"}),
    "response": ("POST", R, answer),
    "milestone assessment": ("POST", MA, {"status": "PartiallyMet", "comment": "One region only"}),
}
def dialogue(name, method, path, body=None, expect=400, fields=None, headers=None, auth=None):
    case("dialogue: " + name, method, path, body, expect=expect, headers=headers, auth=auth)
    if fields is not None: cases[-1]["errors"] = fields
for target, (method, path, body) in dialogue_writes.items():
    whole = json.dumps(body, ensure_ascii=False)
    dialogue(f"{target}: truncated JSON", method, path, whole[: len(whole) // 2])  # errors name the field where it broke off
    dialogue(f"{target}: unknown field", method, path, with_(body, colour="red"), fields=["colour"])
    dialogue(f"{target}: text/plain content type", method, path, whole, headers={"Content-Type": "text/plain"}, expect=415)
    dialogue(f"{target}: no key", method, path, body, auth="none", expect=401)
    dialogue(f"{target}: unknown key", method, path, body, auth="none", headers={"X-Api-Key": "not-a-key"}, expect=401)
    dialogue(f"{target}: json array", method, path, "[]", fields=["body"])
m, p, b = dialogue_writes["comment"]
dialogue("comment: no text", m, p, {}, fields=["text"])
dialogue("comment: blank text", m, p, {"text": "   "}, fields=["text"])
dialogue("comment: 4001 characters", m, p, {"text": "a" * 4001}, fields=["text"])
dialogue("comment: text is a number", m, p, '{"text": 42}', fields=["text"])
dialogue("comment: NUL in text", m, p, {"text": "a\u0000b"}, fields=["text"])
dialogue("comment: unknown milestone", m, p, {"text": "x", "milestoneId": "GE0001-M999"}, fields=["milestoneId"])
dialogue("comment: unknown parent", m, p, {"text": "x", "parentId": "0123456789abcdef0123456789abcdef"}, fields=["parentId"])
dialogue("comment: hostile parent", m, p, {"text": "x", "parentId": "' OR 1=1 --"}, fields=["parentId"])
dialogue("comment: parent is an object", m, p, '{"text": "x", "parentId": {"id": 1}}', fields=["parentId"])
dialogue("comment: reply to a reply", m, p, {"text": "x", "parentId": "{reply}"}, expect=409, fields=["parentId"])
dialogue("comment: on an unknown commitment", m, "/api/commitments/GE9999/comments", b, expect=404)
m, p, b = dialogue_writes["comment edit"]
dialogue("comment edit: no text", m, p, {}, fields=["text"])
dialogue("comment edit: 4001 characters", m, p, {"text": "b" * 4001}, fields=["text"])
dialogue("comment edit: unknown comment", m, D + "/0123456789abcdef0123456789abcdef", b, expect=404)
dialogue("comment edit: stale If-Match", m, p, b, headers={"If-Match": "\"99\""}, expect=409)
dialogue("comment edit: If-Match garbage", m, p, b, headers={"If-Match": "\"abc\""}, fields=["If-Match"])
m, p, b = dialogue_writes["comment hide"]
dialogue("comment hide: no reason", m, p, {}, fields=["reason"])
dialogue("comment hide: 1001-character reason", m, p, {"reason": "r" * 1001}, fields=["reason"])
dialogue("comment hide: unknown comment", m, D + "/nope/hide", b, expect=404)
dialogue("comment restore: not hidden", "POST", D + "/{comment}/restore", {"reason": "Appeal"}, expect=409)
dialogue("comment restore: no reason", "POST", D + "/{comment}/restore", {}, fields=["reason"])
m, p, b = dialogue_writes["response"]
dialogue("response: empty", m, p, {}, fields=["stance", "text"])
dialogue("response: unknown stance", m, p, with_(b, stance="Agreed"), fields=["stance"])
dialogue("response: numeric stance", m, p, with_(b, stance=1), fields=["stance"])
dialogue("response: text not a map", m, p, with_(b, text="plain"), fields=["text"])
dialogue("response: empty text map", m, p, with_(b, text={}), fields=["text"])
dialogue("response: bad language tag", m, p, with_(b, text={"not a tag": "x"}), fields=["text.not a tag"])
dialogue("response: blank translation", m, p, with_(b, text={"en": " "}), fields=["text.en"])
dialogue("response: 5001 characters", m, p, with_(b, text={"en": "c" * 5001}), fields=["text.en"])
dialogue("response: evidence not a URL", m, p, with_(b, evidence=[{"url": "javascript:alert(1)"}]), fields=["evidence[0].url"])
dialogue("response: assessmentVersion 0", m, p, with_(b, assessmentVersion=0), fields=["assessmentVersion"])
dialogue("response: assessmentVersion ahead", m, p, with_(b, assessmentVersion=99), fields=["assessmentVersion"])
dialogue("response: assessmentVersion a string", m, p, with_(b, assessmentVersion="1"), fields=["assessmentVersion"])
dialogue("response: unknown organisation", m, C + "/assessments/cso/Nobody/responses", b, expect=404)
dialogue("response: IRM not assessed yet", m, C + "/assessments/irm/responses", b, expect=404)
dialogue("response: stale If-Match", m, p, b, headers={"If-Match": "\"99\""}, expect=409)
m, p, b = dialogue_writes["milestone assessment"]
dialogue("milestone assessment: empty", m, p, {}, fields=["comment", "status"])
dialogue("milestone assessment: unknown status", m, p, with_(b, status="Done"), fields=["status"])
dialogue("milestone assessment: 20001-character comment", m, p, with_(b, comment="d" * 20001), fields=["comment"])
dialogue("milestone assessment: unknown milestone", m, C + "/milestones/GE0001-M999/assessments/cso", b, expect=404)
for query in ["asOf=2024-13-45", "asOf=yesterday"]:
    dialogue(f"comments ?{query}", "GET", D + "?" + query, fields=["asOf"])
dialogue("comments of an unknown commitment", "GET", "/api/commitments/GE9999/comments", expect=404)

# --- issue 17, the OGP record: member and plan revisions, co-creation (each a 400 on a named field) ----------------
P = "/api/action-plans/{plan}"
for label, body in [("no name", {"reason": "x"}), ("name without a reason", {"name": {"ka": "საქართველო"}}),
                    ("name of an empty text", {"name": {"ka": ""}, "reason": "x"}), ("reason of 1 MB", {"name": {"ka": "x"}, "reason": "{{1MB}}"})]:
    case(f"record: rename member, {label}", "PATCH", "/api/members/GE", body, expect=400)
for label, body in [("unknown status", {"status": "Suspended", "reason": "x"}), ("status as a number", {"status": 1, "reason": "x"}),
                    ("no reason", {"status": "Inactive"}), ("NUL in reason", {"status": "Inactive", "reason": "a\u0000b"})]:
    case(f"record: member status, {label}", "POST", "/api/members/GE/status", body, expect=400)
for label, body in [("nothing to change", {"reason": "x"}), ("no reason", {"title": {"ka": "გეგმა"}}),
                    ("period of 3 years", {"period": {"start": "2026-01-01", "end": "2029-01-01"}, "reason": "x"}),
                    ("title without the default language", {"title": {"en": "Plan"}, "reason": "x"})]:
    case(f"record: revise plan, {label}", "PATCH", P, body, expect=400)
for label, body in [("unknown level", {"influenceLevel": "Bribe", "forumExists": True, "reason": "x"}),
                    ("forumExists as text", {"influenceLevel": "Inform", "forumExists": "yes", "reason": "x"}),
                    ("no reason", {"influenceLevel": "Inform", "forumExists": True})]:
    case(f"record: co-creation level, {label}", "PUT", P + "/co-creation/level", body, expect=400)
meeting = {"date": "2024-03-01", "participants": {"government": 2, "civilSociety": 3}, "minutes": {"url": "https://gov.ge/m"}, "reason": "Met"}
for label, change in [("date in the future", {"date": "2999-01-01"}), ("no participants", {"participants": {}}),
                      ("negative participants", {"participants": {"government": -3}}), ("participants as text", {"participants": "many"}),
                      ("minutes as javascript", {"minutes": {"url": "javascript:alert(1)"}}), ("minutes with url and document", {"minutes": {"url": "https://x.org", "documentId": "GE-AP1-D1"}}),
                      ("minutes of an unknown document", {"minutes": {"documentId": "GE-AP1-D999"}}), ("no minutes", {"minutes": None})]:
    case(f"record: forum meeting, {label}", "POST", P + "/co-creation/meetings", with_(meeting, **change), expect=400)
for label, body in [("no link", {"reason": "x"}), ("ftp link", {"url": "ftp://x.org/rr", "reason": "x"}), ("no reason", {"url": "https://gov.ge/rr"})]:
    case(f"record: reasoned response, {label}", "PUT", P + "/co-creation/reasoned-response", body, expect=400)

# --- issue 17, real dates: effectiveOn (the corpus clock is 2024-06-01; {plan} runs 2024-01-01 .. 2025-12-31 and, like
# GE, {commitment} and the arranged comment and CSO assessment, was written on that day) ---------------------------
def dated(name, method, path, body, fields=("effectiveOn",)):
    case("record: effectiveOn, " + name, method, path, body, expect=400)
    cases[-1]["errors"] = list(fields)
m, p, b = writes["member"]
dated("register a member in the future", m, p, with_(b, effectiveOn="2999-01-01"))
dated("rename a member before its latest change", "PATCH", "/api/members/GE", {"name": {"ka": "საქართველო"}, "reason": "x", "effectiveOn": "2024-05-31"})
dated("member status in the future", "POST", "/api/members/GE/status", {"status": "Inactive", "reason": "x", "effectiveOn": "2024-06-02"})
dated("member status, a day that is not yyyy-MM-dd", "POST", "/api/members/GE/status", {"status": "Inactive", "reason": "x", "effectiveOn": "01/06/2024"})
m, p, b = writes["plan"]
dated("draft a plan in the future", m, p, with_(b, effectiveOn="2024-06-02"))
m, p, b = writes["plan status"]
dated("move a plan before its latest change", m, p, with_(b, effectiveOn="2024-05-31"))
dated("move a plan, effectiveOn a number", m, p, with_(b, effectiveOn=20240531))
dated("revise a plan before its latest change", "PATCH", P, {"title": {"ka": "გეგმა"}, "reason": "x", "effectiveOn": "2023-01-01"})
for target, day in [("completion", "2024-06-02"), ("milestone", "2023-12-31"), ("progress", "2024-05-31")]:
    m, p, b = writes[target]
    dated(f"{target} on {day}", m, p, with_(b, effectiveOn=day))
m, p, b = dialogue_writes["response"]
for label, day in [("in the future", "2024-06-02"), ("before the plan's start", "2023-12-31"), ("before the assessment it answers was filed", "2024-05-31")]:
    dated(f"response {label}", m, p, with_(b, effectiveOn=day))
m, p, b = dialogue_writes["comment"]
dated("comment in the future", m, p, with_(b, effectiveOn="2024-06-02"))
dated("comment before the plan's start", m, p, with_(b, effectiveOn="2023-12-31"))
dated("reply before the comment it answers", m, p, with_(b, parentId="{comment}", effectiveOn="2024-05-31"))

# --- issue 17, the import's own errors: the file's and a row's effectiveOn, reasons, ids, rows (corpus clock 2024-06-01) --
import_rows = {
    "import: ?effectiveOn in the future": ("?effectiveOn=2024-06-02", "Commitment Unique Identifier,Title\nA,x\n", "text/csv", ["effectiveOn"]),
    "import: ?effectiveOn not a date": ("?effectiveOn=yesterday", "Commitment Unique Identifier,Title\nA,x\n", "text/csv", ["effectiveOn"]),
    "import: ?dryRun not a boolean": ("?dryRun=maybe", "Commitment Unique Identifier,Title\nA,x\n", "text/csv", ["dryRun"]),
    "import: no rows": ("", "Commitment Unique Identifier,Title\n", "text/csv", ["commitments"]),
    "import: a row's Effective On in the future": ("", "Commitment Unique Identifier,Completion (self),Reason,Effective On\n{commitment},Limited,x,2024-06-02\n", "text/csv",
                                                   ["commitments[2].Effective On"]),
    "import: a row's Effective On before the plan's start": ("", "Commitment Unique Identifier,Completion (self),Reason,Effective On\n{commitment},Limited,x,2023-12-31\n", "text/csv",
                                                            ["commitments[2].Effective On"]),
    "import: a row's Effective On before the latest change": ("", "Commitment Unique Identifier,Completion (self),Reason,Effective On\n{commitment},Limited,x,2024-05-31\n", "text/csv",
                                                             ["commitments[2].Effective On"]),
    "import: a row's Effective On not a date": ("", "Commitment Unique Identifier,Completion (self),Reason,Effective On\n{commitment},Limited,x,31.05.2024\n", "text/csv",
                                               ["commitments[2].Effective On"]),
    "import: an update without a reason": ("", "Commitment Unique Identifier,Completion (self)\n{commitment},Limited\n", "text/csv", ["commitments[2].Reason"]),
    "import: a JSON row's effectiveOn in the future": ("", json.dumps({"commitments": [{"id": "{commitment}", "completion": "Limited", "reason": "x", "effectiveOn": "2024-06-02"}]}),
                                                       "application/json", ["commitments[0].effectiveOn"]),
    "import: a milestone row of no commitment row": ("", json.dumps({"commitments": [{"id": "{commitment}"}], "milestones": [{"commitmentId": "ZZ", "progress": 5}]}),
                                                     "application/json", ["milestones[0].commitmentId"]),
    "import: an unknown Milestone ID": ("?reason=x", json.dumps({"commitments": [{"id": "{commitment}"}], "milestones": [{"commitmentId": "{commitment}", "id": "X-M9", "progress": 5}]}),
                                        "application/json", ["milestones[0].id", "milestones[0].title", "milestones[0].start", "milestones[0].due"]),  # checked as a new one too
    "import: progress 101 on an update": ("?reason=x", json.dumps({"commitments": [{"id": "{commitment}"}], "milestones": [{"commitmentId": "{commitment}", "id": "{milestone}", "progress": 101}]}),
                                          "application/json", ["milestones[0].progress"]),
}
for name, (query, body, ctype, fields) in import_rows.items():
    case(name, "POST", I + query, body, headers={"Content-Type": ctype}, expect=400)
    cases[-1]["errors"] = fields

# A body over the 1 MiB limit is refused whole, before anything reads it.
for c in cases:
    if "{{1MB" in c.get("body", ""):
        c["expect"] = 413

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "bad-requests.jsonl")
names = [c["name"] for c in cases]
duplicates = {n for n in names if names.count(n) > 1}
assert not duplicates, duplicates


def fits(stated, status):
    return any(s == str(status) or s == "4xx" and 400 <= status < 500 or s == "errors" and (status == 200 or 400 <= status < 500)
               for s in str(stated).split("|"))


# CORPUS_RECORDING=1 writes the rows without their answers (expect 0), for a run of BadInputCorpusTests with
# CORPUS_RECORD=FILE that shows what each row gets now; read it before changing expected.json.
recording = os.environ.get("CORPUS_RECORDING") == "1"
with open(os.path.join(here, "expected.json"), encoding="utf-8") as f:
    expected = {} if recording else json.load(f)
problems = [] if recording else [n for n in names if n not in expected] + [f"{n}: stale" for n in expected if n not in names]
if recording:
    for c in cases: c["expect"] = 0
for c in cases:
    x = expected.get(c["name"])
    if x is None: continue
    if not fits(c["expect"], x["expect"]): problems.append(f"{c['name']}: expected.json says {x['expect']}, the case says {c['expect']}")
    if "errors" in c and sorted(c["errors"]) != sorted(x.get("errors", [])):
        problems.append(f"{c['name']}: expected.json says errors {x.get('errors')}, the case says {c['errors']}")
    c.update(x)
assert not problems, "expected.json does not match the cases:\n" + "\n".join(problems)
with open(out, "w", encoding="utf-8") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases -> {out}")
