// The README lifecycle with two C# clients generated from schema/openapi.json (generate.sh): Kiota and NSwag, typed
// models only, against the live server at CT_BASE with the admin key CT_KEY. Each walk makes its own commitment in the
// seeded plan of GE (live.sh seeds it). Ends with "N passed, N failed"; exits 1 when anything failed.
using ContractClients;

var baseUrl = Environment.GetEnvironmentVariable("CT_BASE") ?? throw new InvalidOperationException("CT_BASE is not set");
var key = Environment.GetEnvironmentVariable("CT_KEY") ?? throw new InvalidOperationException("CT_KEY is not set");

var checks = new Checks();
await KiotaWalk.Run(checks, baseUrl, key);
await NSwagWalk.Run(checks, baseUrl, key);
Console.WriteLine($"{checks.Passed} passed, {checks.Failed} failed");
return checks.Failed == 0 && checks.Passed > 0 ? 0 : 1;
