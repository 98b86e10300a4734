import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import { idOf, issuedIdOf, toGlobalId } from '../../graphql/relay.js';
import { requireViewer } from '../users/user.service.js';
import type { ExportService, ExportView } from './export.service.js';
import type { ExportFormat } from './export.repo.js';
import type { ExportProgressEvent } from './export.topics.js';
import { Export, ExportFormatEnum } from './export.type.js';

@Resolver(() => Export)
export class ExportResolver {
  constructor(private readonly exportService: ExportService) {}

  @Mutation(() => Export, {
    description:
      'Queues an audio render of a saved piece (or reuses one of the same music). FLAC and pieces longer than the FREE limit are PREMIUM_REQUIRED; past the daily quota is QUOTA_EXCEEDED with extensions.resetsAt.',
  })
  requestExport(
    @Arg('compositionId', () => ID, { description: 'The saved piece to render.' }) compositionId: string,
    @Arg('format', () => ExportFormatEnum, { description: 'WAV or FLAC (PREMIUM).' }) format: ExportFormat,
    @Ctx() context: RequestContext,
  ): Promise<ExportView> {
    const viewer = requireViewer(context);
    return this.exportService.request(issuedIdOf(compositionId, 'Composition'), format, viewer);
  }

  @Query(() => Export, { nullable: true, description: 'One of your exports; null for an id that is not yours.' })
  export(@Arg('id', () => ID, { description: "The export's id, from requestExport." }) id: string, @Ctx() context: RequestContext): Promise<ExportView | null> {
    const viewer = requireViewer(context);
    return this.exportService.byId(idOf(id, 'Export'), viewer);
  }

  @Subscription(() => Export, {
    description: 'The export as it is now, then on every change of status or progress until DONE or FAILED.',
    subscribe: ({ args, context }) => (context as RequestContext).watchExport(idOf(args.id as string, 'Export')),
  })
  async exportProgress(@Root() event: ExportProgressEvent, @Arg('id', () => ID, { description: "The export's id, from requestExport." }) _id: string): Promise<ExportView> {
    const view = await this.exportService.current(event.exportId);
    if (!view) throw new NotFoundError('This export no longer exists');
    return view;
  }

  @FieldResolver(() => ID, { description: 'Global id (opaque; stable across data re-imports).' })
  id(@Root() view: ExportView): string {
    return toGlobalId('Export', view.id);
  }
}
