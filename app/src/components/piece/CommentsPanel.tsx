'use client';

import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { ErrorMessage } from '../ErrorMessage';
import type { Piece } from './piece';

const CommentOnPiece = graphql(`
  mutation CommentOnPiece($input: AddCommentInput!) {
    addComment(input: $input) {
      id
    }
  }
`);

/**
 * The comments on a timeline of the piece and as a list, and (when `canPost`) a form adding one at
 * a second of the piece: focusing that field takes the second now playing, if the piece plays live.
 */
export function CommentsPanel({ piece, canPost, playhead, onPosted }: { piece: Piece; canPost: boolean; playhead: () => number | null; onPosted: () => void }) {
  const { t } = useI18n();
  const [comment, addComment] = useMutation(CommentOnPiece);
  const [commentAt, setCommentAt] = useState('0');
  const comments = piece.comments.nodes;

  return (
    <section className="panel" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t('piece.commentCount', { count: comments.length })}</h2>
      <p className="muted">{t('piece.timeline')}</p>
      <div className="timeline" data-testid="comment-timeline">
        {comments
          .filter((c) => c.atSecond !== null && c.atSecond !== undefined)
          .map((c) => (
            <span
              key={c.id}
              className="marker"
              style={{ left: `${Math.min(100, ((c.atSecond ?? 0) / piece.durationSeconds) * 100)}%` }}
              title={`${Math.round(c.atSecond ?? 0)} s · ${c.author.username}: ${c.body}`}
            />
          ))}
      </div>
      <ol>
        {comments.map((c) => (
          <li key={c.id} data-testid="comment">
            <strong>{c.author.username}</strong>
            {c.atSecond !== null && c.atSecond !== undefined ? <span className="muted"> @ {Math.round(c.atSecond)} s</span> : null}: {c.body}
            {c.replies.length ? (
              <ul>
                {c.replies.map((reply) => (
                  <li key={reply.id}>
                    <strong>{reply.author.username}</strong>: {reply.body}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {canPost ? (
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            const formElement = event.currentTarget;
            const form = new FormData(formElement);
            void addComment({ input: { compositionId: piece.id, body: String(form.get('body')), atSecond: Number(form.get('atSecond')) } }).then((result) => {
              if (!result.error) {
                formElement.reset();
                onPosted();
              }
            });
          }}
        >
          <div style={{ flex: '3 1 300px' }}>
            <label htmlFor="comment-body">{t('piece.addComment')}</label>
            <input id="comment-body" name="body" required maxLength={2000} />
          </div>
          <div style={{ flex: '0 1 120px' }}>
            <label htmlFor="comment-at">{t('piece.commentAt')}</label>
            <input
              id="comment-at"
              name="atSecond"
              type="number"
              min={0}
              max={Math.floor(piece.durationSeconds)}
              value={commentAt}
              onChange={(event) => setCommentAt(event.target.value)}
              onFocus={() => {
                const second = playhead();
                if (second !== null) setCommentAt(String(Math.max(0, Math.floor(second))));
              }}
            />
          </div>
          <button type="submit" disabled={comment.fetching}>
            {t('piece.post')}
          </button>
        </form>
      ) : null}
      <ErrorMessage error={comment.error} />
    </section>
  );
}
