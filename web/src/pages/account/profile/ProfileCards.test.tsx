import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountsClient } from '../../../api/accounts';
import { ProfileClient, type ProfileAnswer, type UploadRequest } from '../../../api/profile';
import { json, PROFILE, USER } from '../../../test/profileFixtures';
import { AvatarCard } from './AvatarCard';
import { ContactChangeCard } from './ContactChangeCard';
import { ProfileForm } from './ProfileForm';

/** A ProfileClient whose requests go to `answer` (fetch) and `request` (uploads). */
function clientWith(answer: (method: string, url: string, body: unknown) => Response, request?: UploadRequest) {
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
    answer(init?.method ?? 'GET', String(input), typeof init?.body === 'string' ? JSON.parse(init.body) : null),
  );
  return {
    fetchImpl,
    client: new ProfileClient(new AccountsClient(), fetchImpl as typeof fetch, request ? () => request : undefined),
  };
}

describe('ProfileForm', () => {
  it('shows the saved fields and sends only what changed', async () => {
    const saved = vi.fn();
    const { fetchImpl, client } = clientWith((_m, _u, body) =>
      json(200, { user: USER, profile: { ...PROFILE, ...(body as object) } }),
    );
    render(<ProfileForm client={client} profile={PROFILE} onSaved={saved} />);
    expect((screen.getByLabelText('Position') as HTMLInputElement).value).toBe('Engineer');
    fireEvent.change(screen.getByLabelText('Gender'), { target: { value: 'female' } });
    fireEvent.change(screen.getByLabelText('Company'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Address'), { target: { value: '1 Main Street\nSpringfield' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Profile saved.');
    const init = fetchImpl.mock.calls[0]?.[1];
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({
      gender: 'female',
      company: null,
      address: '1 Main Street\nSpringfield',
    });
    expect(saved).toHaveBeenCalledOnce();
  });

  it('names a bad field without sending anything', async () => {
    const { fetchImpl, client } = clientWith(() => json(500, {}));
    render(<ProfileForm client={client} profile={PROFILE} onSaved={() => {}} />);
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'd'.repeat(101) } });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText('Department is too long: at most 100 characters.')).toBeTruthy();
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});

describe('AvatarCard', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.restoreAllMocks());

  it('previews the chosen image, shows upload progress, then the stored avatar', async () => {
    const sent: { body: Blob | null; progress: UploadRequest['upload'] } = {
      body: null,
      progress: { onprogress: null },
    };
    let finish: (() => void) | null = null;
    const request: UploadRequest = {
      open: () => {},
      setRequestHeader: () => {},
      send(body) {
        sent.body = body;
        sent.progress = this.upload;
      },
      abort: () => {},
      status: 200,
      responseText: '',
      upload: { onprogress: null },
      onload: null,
      onerror: null,
      onabort: null,
    };
    const stored: ProfileAnswer = {
      user: USER,
      profile: {
        ...PROFILE,
        avatar: {
          url: '/api/v1/profile/avatar?v=1',
          mediaType: 'image/webp',
          width: 512,
          height: 512,
          bytes: 900,
          updatedAt: '2026-01-02T00:00:00Z',
        },
      },
    };
    finish = () => {
      Object.assign(request, { responseText: JSON.stringify(stored) });
      request.onload?.();
    };
    const changed = vi.fn();
    const { client } = clientWith(() => json(500, {}), request);
    const { rerender } = render(<AvatarCard client={client} avatar={null} name="Ann" onChanged={changed} />);
    expect(screen.getByRole('img', { name: 'No avatar yet' }).textContent).toBe('A');

    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });
    await userEvent.upload(screen.getByLabelText('Choose an image'), file);
    expect((screen.getByAltText('Preview of the new avatar') as HTMLImageElement).src).toBe('blob:preview');
    await userEvent.click(screen.getByRole('button', { name: 'Upload avatar' }));
    expect(sent.body).toBe(file);
    sent.progress.onprogress?.({ loaded: 3, total: 4, lengthComputable: true });
    await screen.findByText(/Uploading… 75%/);
    expect(screen.getByLabelText('Upload progress').getAttribute('value')).toBe('0.75');
    finish();
    await screen.findByText('Avatar saved.');
    expect(changed).toHaveBeenCalledWith(stored);
    rerender(<AvatarCard client={client} avatar={stored.profile.avatar} name="Ann" onChanged={changed} />);
    expect((screen.getByAltText('Your avatar') as HTMLImageElement).getAttribute('src')).toBe(
      '/api/v1/profile/avatar?v=1',
    );
    expect(screen.queryByAltText('Preview of the new avatar')).toBeNull();
  });

  it('refuses a file that is not a JPEG, PNG or WebP before uploading', async () => {
    const { client } = clientWith(() => json(500, {}));
    render(<AvatarCard client={client} avatar={null} name="Ann" onChanged={() => {}} />);
    const pdf = new File(['%PDF-1.4'], 'doc.pdf', { type: 'application/pdf' });
    await userEvent.upload(screen.getByLabelText('Choose an image'), pdf, { applyAccept: false });
    expect(screen.getByText('Choose a JPEG, PNG or WebP image.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Upload avatar' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('ContactChangeCard', () => {
  it('asks for codes to both addresses, then changes with both', async () => {
    const { fetchImpl, client } = clientWith((_method, url) => {
      if (url === '/api/v1/profile/contact/codes') {
        return json(202, {
          status: 'sent',
          current: 'a***@e***.com',
          new: 'n***@e***.com',
          message: 'Two codes are on their way.',
        });
      }
      return json(200, { user: { ...USER, email: 'new@example.com' } });
    });
    const changed = vi.fn();
    render(<ContactChangeCard client={client} user={USER} onChanged={changed} />);
    fireEvent.change(screen.getByLabelText('New email address or mobile number'), {
      target: { value: 'new@example.com' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Send codes' }));
    fireEvent.change(await screen.findByLabelText('Code sent to a***@e***.com'), { target: { value: '111111' } });
    fireEvent.change(screen.getByLabelText('Code sent to n***@e***.com'), { target: { value: '222222' } });
    await userEvent.click(screen.getByRole('button', { name: 'Change' }));
    await screen.findByText('You now sign in with new@example.com.');
    expect(JSON.parse(String(fetchImpl.mock.calls[1]?.[1]?.body))).toEqual({
      newTarget: 'new@example.com',
      currentCode: '111111',
      newCode: '222222',
    });
    await waitFor(() => expect(changed).toHaveBeenCalledWith({ ...USER, email: 'new@example.com' }));
  });

  it('shows the server refusal when the new address belongs to another account', async () => {
    const { client } = clientWith((_m, url) =>
      url.endsWith('/codes')
        ? json(202, { status: 'sent', current: 'a', new: 'b', message: 'sent' })
        : json(409, { error: { code: 'contact_in_use', message: 'this address already signs in to another account' } }),
    );
    render(<ContactChangeCard client={client} user={USER} onChanged={() => {}} />);
    fireEvent.change(screen.getByLabelText('New email address or mobile number'), {
      target: { value: 'taken@example.com' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Send codes' }));
    fireEvent.change(await screen.findByLabelText('Code sent to a'), { target: { value: '111111' } });
    fireEvent.change(screen.getByLabelText('Code sent to b'), { target: { value: '222222' } });
    await userEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This address already signs in to another account.');
  });
});
