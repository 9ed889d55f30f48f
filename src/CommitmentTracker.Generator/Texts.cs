namespace CommitmentTracker.Generator;

/// <summary>
/// Real words in five scripts from ../shared/seeds (the files the multilingual tests use), plus English, so search
/// runs over the text mix a regional dashboard sees.
/// </summary>
public sealed class Texts
{
    public static readonly string[] SeedLanguages = ["ka", "hy", "uk", "az", "ky"];

    private static readonly (string File, string Language)[] SeedFiles =
    [
        ("000_5fd3270c7009d1bb.txt", "hy"), ("001_c25ae0a319e80e76.txt", "uk"), ("002_91d31b0776d7eac7.txt", "az"),
        ("003_197e165c457b1a02.txt", "ka"), ("004_1c5c3506060f5475.txt", "ky"),
    ];

    private static readonly string[] English =
    [
        "open", "data", "portal", "budget", "transparency", "public", "procurement", "monitoring", "municipal", "services",
        "civic", "participation", "access", "information", "justice", "integrity", "beneficial", "ownership", "register",
        "lobbying", "parliament", "digital", "government", "anti-corruption", "fiscal", "openness", "contracting", "health",
        "education", "environment", "climate", "gender", "youth", "accountability", "citizens", "feedback", "online",
        "platform", "strategy", "reform", "national", "local", "council", "assembly", "oversight", "audit", "report",
        "survey", "training", "guidelines", "law", "amendment", "regulation", "publication", "dataset", "api", "standard",
        "consultation", "petition", "complaints", "mechanism", "disclosure", "asset", "declarations", "whistleblower",
        "protection", "freedom", "media", "inclusion", "accessibility", "water", "energy", "extractives", "land", "courts",
    ];

    private readonly Dictionary<string, string[]> words;

    private Texts(Dictionary<string, string[]> words) => this.words = words;

    public static Texts Load(string seedsDir)
    {
        var words = new Dictionary<string, string[]> { ["en"] = English };
        foreach (var (file, language) in SeedFiles)
        {
            var path = Path.Combine(seedsDir, file);
            if (!File.Exists(path)) throw new FileNotFoundException($"Seed text missing; expected shared/ beside the checkout: {path}");
            words[language] = File.ReadAllText(path)
                .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim(',', '.', ':', ';', '(', ')', '"', '«', '»', '„', '“', '”', '-', '–', '—', '/', '!', '?'))
                .Where(w => w.Length >= 3 && w.All(char.IsLetter))
                .Distinct()
                .ToArray();
        }
        return new Texts(words);
    }

    public string Phrase(Random rng, string language, int minWords, int maxWords)
    {
        var pool = words[language];
        var count = rng.Next(minWords, maxWords + 1);
        var picked = new string[count];
        for (var i = 0; i < count; i++) picked[i] = pool[rng.Next(pool.Length)];
        return string.Join(' ', picked);
    }

    /// <summary>The text in the default language and in English, as OGP publishes most documents.</summary>
    public Dictionary<string, string> Localized(Random rng, string language, int minWords, int maxWords)
    {
        var text = new Dictionary<string, string> { [language] = Phrase(rng, language, minWords, maxWords) };
        if (language != "en") text["en"] = Phrase(rng, "en", minWords, maxWords);
        return text;
    }
}
