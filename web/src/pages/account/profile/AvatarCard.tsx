import { useEffect, useId, useRef, useState } from 'react';
import { errorText } from '../../../accounts/ui';
import { checkAvatarFile } from '../../../accounts/profileValidation';
import type { Avatar, ProfileAnswer, ProfileClient } from '../../../api/profile';

/** The avatar: shown, replaced (preview and upload progress) or removed. */
export function AvatarCard(props: {
  client: ProfileClient;
  avatar: Avatar | null;
  name: string;
  onChanged(answer: ProfileAnswer): void;
}) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);

  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function choose(chosen: File | null) {
    setFailure(null);
    setNote(null);
    setPreview(null);
    setFile(null);
    if (!chosen) return;
    const checked = checkAvatarFile(chosen);
    setProblem(checked.ok ? null : checked.message);
    if (checked.ok) setFile(chosen);
  }

  function clearChoice() {
    setFile(null);
    setPreview(null);
    if (input.current) input.current.value = '';
  }

  async function upload() {
    if (!file) return;
    setFailure(null);
    setProgress(0);
    try {
      const answer = await props.client.uploadAvatar(file, setProgress);
      clearChoice();
      props.onChanged(answer);
      setNote('Avatar saved.');
    } catch (e) {
      setFailure(e);
    } finally {
      setProgress(null);
    }
  }

  async function remove() {
    setFailure(null);
    setRemoving(true);
    try {
      await props.client.removeAvatar();
      props.onChanged(await props.client.profile());
      setNote('Avatar removed.');
    } catch (e) {
      setFailure(e);
    } finally {
      setRemoving(false);
    }
  }

  const uploading = progress !== null;
  const initial = (props.name.trim().charAt(0) || '?').toUpperCase();
  return (
    <section className="card" aria-labelledby="avatar-title">
      <h2 id="avatar-title">Avatar</h2>
      <div className="avatar-row">
        {props.avatar ? (
          <img className="avatar" src={props.avatar.url} alt="Your avatar" width={96} height={96} />
        ) : (
          <span className="avatar avatar--empty" aria-label="No avatar yet" role="img">
            {initial}
          </span>
        )}
        {preview && (
          <figure className="avatar-preview">
            <img className="avatar" src={preview} alt="Preview of the new avatar" width={96} height={96} />
            <figcaption>Preview</figcaption>
          </figure>
        )}
      </div>
      <div className="field">
        <label htmlFor={inputId} className="field__label">
          Choose an image
        </label>
        <p className="field__hint" id={`${inputId}-hint`}>
          JPEG, PNG or WebP, at most 5 MB and 4096 × 4096 pixels. It is stored as a new picture of at most 512 × 512
          pixels, without the location or camera data that photos often carry.
        </p>
        <input
          ref={input}
          id={inputId}
          name="avatar"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-describedby={`${inputId}-hint`}
          aria-invalid={problem ? true : undefined}
          disabled={uploading}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
        {problem && <p className="field__error">{problem}</p>}
      </div>
      {uploading && (
        <p role="status" className="form-note">
          <progress max={1} value={progress} aria-label="Upload progress" /> Uploading… {Math.round(progress * 100)}%
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button" disabled={!file || uploading} onClick={() => void upload()}>
          {uploading ? 'Uploading…' : 'Upload avatar'}
        </button>
        {props.avatar && (
          <button
            type="button"
            className="button button--quiet"
            disabled={uploading || removing}
            onClick={() => void remove()}
          >
            {removing ? 'Removing…' : 'Remove avatar'}
          </button>
        )}
      </div>
      {note && (
        <p className="form-note form-note--ok" role="status">
          {note}
        </p>
      )}
      {failure !== null && (
        <p className="form-error" role="alert">
          {errorText(failure)}
        </p>
      )}
    </section>
  );
}
