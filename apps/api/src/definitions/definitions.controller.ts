import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Db, DefinitionStore } from '#persistence';
import { Returns } from '../openapi/returns.js';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class DefinitionsController {
  constructor(
    private readonly db: Db,
    private readonly definitions: DefinitionStore,
  ) {}

  @Returns('WorkflowDefinitionView', { array: true })
  @Get()
  @ApiOperation({ summary: 'Every stored version of every workflow definition' })
  list() {
    return this.definitions.list(this.db);
  }
}
