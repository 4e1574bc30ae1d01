using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace UsageDashboard.Tracker.Capture;

/// <summary>
/// Replaces the response body feature of a tracked request to count the bytes the application
/// actually writes, through the stream, the pipe writer or send-file, chunked or not. One object per
/// tracked request (the pipe writer wrapper is created only when asked for); its presence in the
/// request's features also marks the request as already tracked, so a re-executed pipeline (an
/// exception handler, status code pages) does not record it twice.
/// </summary>
internal sealed class ResponseBodyCounter(IHttpResponseBodyFeature inner) : Stream, IHttpResponseBodyFeature
{
    private CountingPipeWriter? _writer;

    public IHttpResponseBodyFeature Inner { get; } = inner;

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    Stream IHttpResponseBodyFeature.Stream => this;

    PipeWriter IHttpResponseBodyFeature.Writer => _writer ??= new CountingPipeWriter(this, Inner.Writer);

    public void DisableBuffering() => Inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => Inner.StartAsync(cancellationToken);

    public Task CompleteAsync() => Inner.CompleteAsync();

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await Inner.SendFileAsync(path, offset, count, cancellationToken).ConfigureAwait(false);
        BytesWritten += count ?? Math.Max(0, new FileInfo(path).Length - offset);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => Inner.Stream.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => Inner.Stream.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Inner.Stream.Write(buffer, offset, count);
        BytesWritten += count;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Inner.Stream.Write(buffer);
        BytesWritten += buffer.Length;
    }

    public override void WriteByte(byte value)
    {
        Inner.Stream.WriteByte(value);
        BytesWritten++;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Counted when handed over: the bytes belong to the response even if the client goes away.
        BytesWritten += buffer.Length;
        return Inner.Stream.WriteAsync(buffer, cancellationToken);
    }

    public override IAsyncResult BeginWrite(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) =>
        TaskToAsyncResult.Begin(WriteAsync(buffer, offset, count), callback, state);

    public override void EndWrite(IAsyncResult asyncResult) => TaskToAsyncResult.End(asyncResult);

    private void Add(long bytes) => BytesWritten += bytes;

    private sealed class CountingPipeWriter(ResponseBodyCounter owner, PipeWriter inner) : PipeWriter
    {
        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override void Advance(int bytes)
        {
            inner.Advance(bytes);
            owner.Add(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            owner.Add(source.Length);
            return inner.WriteAsync(source, cancellationToken);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
