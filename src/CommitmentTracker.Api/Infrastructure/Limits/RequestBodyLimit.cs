using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Limits;

/// <summary>
/// Caps request bodies at <see cref="BodyLimitOptions.MaxRequestBodyBytes"/>, or at an endpoint's own
/// <see cref="IRequestSizeLimitMetadata"/> (an import takes more). Kestrel enforces the cap while reading; hosts without
/// that feature (the test server) get the same 413 from the counting stream every body is read through.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptionsMonitor<BodyLimitOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? options.CurrentValue.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit) throw TooLarge(limit);

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        // Always wrapped, so the endpoint reads through a stream and not through Kestrel's own PipeReader. When graceful
        // shutdown starts, that reader hands a cancelled read to a reader that examined more than it consumed
        // (dotnet/aspnetcore#19476), as System.Text.Json does mid-body: a request still arriving at SIGTERM got 499.
        context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        return next(context);
    }

    internal static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);

    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            Count(await inner.ReadAsync(buffer, ct));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(int n)
        {
            read += n;
            if (read > limit) throw TooLarge(limit);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
