// Reply shapes of the media methods both the test rooms and meetings answer
// (createWebRtcTransport, consume): see src/rooms/room_service.hpp.
import type { DtlsParameters, IceCandidate, IceParameters, MediaKind, RtpParameters } from 'mediasoup-client/types';

export interface TransportInfo {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

export interface ConsumeReply {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
}
