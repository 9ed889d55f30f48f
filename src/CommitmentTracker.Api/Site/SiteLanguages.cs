using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CommitmentTracker.Site;

/// <summary>The six languages the site speaks, and how a request picks one: ?lang=, then the switcher's cookie, then Accept-Language.</summary>
public static class SiteLanguages
{
    public static readonly (string Tag, string Name)[] All =
    [
        ("en", "English"), ("ka", "ქართული"), ("hy", "Հայերեն"), ("uk", "Українська"), ("az", "Azərbaycanca"), ("ky", "Кыргызча"),
    ];

    public static readonly string[] Tags = All.Select(l => l.Tag).ToArray();

    public static void Configure(RequestLocalizationOptions o)
    {
        var cultures = Tags.Select(t => new CultureInfo(t)).ToList();
        o.DefaultRequestCulture = new RequestCulture("en");
        o.SupportedCultures = cultures;
        o.SupportedUICultures = cultures;
        o.FallBackToParentCultures = o.FallBackToParentUICultures = true;
        o.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    /// <summary>The UI language of this request, one of <see cref="Tags"/>.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var t && Tags.Contains(t) ? t : "en";

    /// <summary>GET /language?lang=ka&amp;return=/path: the switcher without script; keeps the choice in a cookie.</summary>
    public static IResult Choose(HttpContext http, string? lang, string? @return)
    {
        if (lang is not null && Tags.Contains(lang)) Remember(http, lang);
        return TypedResults.Redirect(SitePaths.LocalOrHome(@return));
    }

    /// <summary>A page opened with ?lang= keeps that language for the next pages too.</summary>
    public static Task RememberQueryChoice(HttpContext http, Func<Task> next)
    {
        if (http.Request.Query["lang"].ToString() is { Length: > 0 } lang && Tags.Contains(lang)
            && http.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] != Cookie(lang))
            Remember(http, lang);
        return next();
    }

    private static string Cookie(string lang) => CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang));

    private static void Remember(HttpContext http, string lang) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, Cookie(lang),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
}
